import { Agent, type Dispatcher } from "undici";
import { AbortError, NetworkError, TimeoutError } from "./errors.js";
import type {
  DispatcherLike,
  Transport,
  TransportRequest,
  TransportResponse,
} from "./transport.js";

/** Error codes meaning the connection was never established, so nothing was sent. */
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

const TIMED_OUT = new Error("nhub: request timed out");
const CALLER_ABORTED = new Error("nhub: request aborted by the caller");

/** The part of `AbortSignal` undici uses, without EventTarget's per-instance cost. */
class RequestSignal {
  aborted = false;
  reason: unknown = undefined;
  #listener: (() => void) | undefined;
  addEventListener(_type: "abort", listener: () => void): void {
    this.#listener = listener;
  }
  removeEventListener(): void {
    this.#listener = undefined;
  }
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#listener?.();
  }
}

/** Options of {@link createUndiciTransport}. */
export interface UndiciTransportOptions {
  /** Use this dispatcher instead of a private `Agent`; it is never closed by the transport. */
  dispatcher?: DispatcherLike | undefined;
  /** Most connections per origin of the private `Agent`. Default 64. */
  connections?: number;
}

/**
 * The default Node.js transport: keep-alive pooled connections per origin through a private
 * undici `Agent` (never the global dispatcher), or through the caller's dispatcher.
 */
export function createUndiciTransport(options: UndiciTransportOptions = {}): Transport {
  const owned = options.dispatcher === undefined;
  const dispatcher = (options.dispatcher ??
    new Agent({ connections: options.connections ?? 64, pipelining: 1 })) as Dispatcher;
  return {
    async request(req: TransportRequest): Promise<TransportResponse> {
      // One timer covers connect, headers and body (undici's own timeouts are too coarse). A
      // tiny signal object instead of an AbortController keeps the hot path cheap.
      const signal = new RequestSignal();
      const timer = setTimeout(() => signal.abort(TIMED_OUT), req.timeoutMs);
      const onAbort = () => signal.abort(req.signal?.reason ?? CALLER_ABORTED);
      if (req.signal) {
        if (req.signal.aborted) onAbort();
        else req.signal.addEventListener("abort", onAbort, { once: true });
      }
      try {
        const res = await dispatcher.request({
          origin: req.origin,
          path: req.path,
          method: req.method as Dispatcher.HttpMethod,
          headers: req.headers,
          body: req.body,
          signal,
        });
        const text = await res.body.text();
        return { status: res.statusCode, headers: flattenHeaders(res.headers), body: text };
      } catch (error) {
        throw mapError(error, req, signal.reason === TIMED_OUT);
      } finally {
        clearTimeout(timer);
        req.signal?.removeEventListener("abort", onAbort);
      }
    },
    async close() {
      if (owned) await dispatcher.close();
    },
  };
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = typeof value === "string" ? value : value.join(", ");
  }
  return out;
}

function mapError(error: unknown, req: TransportRequest, timedOut: boolean): Error {
  const code = (error as { code?: string } | null)?.code ?? "";
  if (req.signal?.aborted) {
    return new AbortError(`The request to ${redactUrl(req.url)} was aborted by the caller.`, {
      cause: req.signal.reason ?? error,
    });
  }
  if (timedOut || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return new TimeoutError(
      `No complete response from ${redactUrl(req.url)} within ${req.timeoutMs} ms; the service may have received the request. Raise timeoutMs if the hub is slow.`,
      { cause: error },
    );
  }
  const requestSent = !NOT_SENT.has(code);
  const what = (error as Error | null)?.message ?? String(error);
  return new NetworkError(
    requestSent
      ? `The connection to ${req.origin} failed after the request was written (${code || what}); the service may have received it.`
      : `Could not connect to ${req.origin} (${code || what}); nothing was sent. Check the Endpoint of the connection string and the network.`,
    { cause: error, requestSent },
  );
}

function redactUrl(url: string): string {
  return url.split("?")[0] ?? url;
}
