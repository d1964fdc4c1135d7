import type { Dispatcher } from "undici";
import { NetworkError } from "./errors.js";
import { createNodeHttpTransport } from "./node-http-transport.js";
import type {
  DispatcherLike,
  Transport,
  TransportRequest,
  TransportResponse,
} from "./transport.js";
import {
  CALLER_ABORTED,
  flattenHeaders,
  mapTransportError,
  TIMED_OUT,
} from "./transport-errors.js";

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
  /**
   * Use this dispatcher instead of a private `Agent`, from the first request on (undici is then
   * never imported by the transport); it is never closed by the transport.
   */
  dispatcher?: DispatcherLike | undefined;
  /** Most connections per origin of the private `Agent`. Default 64. */
  connections?: number;
  /**
   * How the first request of the transport travels when no `dispatcher` is given.
   *
   * - `"node-http"` (default): over `node:https` (`node:http` for `http://` endpoints) on a
   *   private agent without keep-alive; undici is imported only when the second request comes,
   *   and that request and all later ones (retries included) use the pooled undici `Agent`.
   *   Importing undici costs about 130 ms of start-up, which one-shot scripts, CLIs and
   *   serverless functions that send one push would otherwise pay on every cold start. The
   *   price: the first request opens a connection it does not reuse, and the second waits for
   *   undici to load.
   * - `"undici"`: import undici when the first request comes and send every request, the first
   *   included, over the pooled keep-alive `Agent`. Better for long-lived processes that send
   *   a burst of requests right away.
   */
  coldStart?: "node-http" | "undici";
}

/**
 * The default Node.js transport: keep-alive pooled connections per origin through a private
 * undici `Agent` (never the global dispatcher), or through the caller's dispatcher. undici is
 * imported on demand; by default the first request goes over `node:http(s)` instead (see
 * {@link UndiciTransportOptions.coldStart}).
 */
export function createUndiciTransport(options: UndiciTransportOptions = {}): Transport {
  const owned = options.dispatcher === undefined;
  let dispatcher = options.dispatcher as Dispatcher | undefined;
  let loading: Promise<Dispatcher> | undefined;
  const first = owned && options.coldStart !== "undici" ? createNodeHttpTransport() : undefined;
  let firstSent: Promise<TransportResponse> | undefined;
  let closed = false;
  // Node's module cache makes a second transport's import cheap; the promise is per instance.
  const load = (): Promise<Dispatcher> =>
    (loading ??= import("undici").then(
      ({ Agent }) =>
        (dispatcher = new Agent({ connections: options.connections ?? 64, pipelining: 1 })),
    ));
  async function cold(req: TransportRequest): Promise<TransportResponse> {
    if (closed) throw closedError(req);
    if (first !== undefined && firstSent === undefined) {
      firstSent = first.request(req);
      return firstSent;
    }
    return undiciRequest(await load(), req);
  }
  return {
    request(req: TransportRequest): Promise<TransportResponse> {
      return dispatcher !== undefined ? undiciRequest(dispatcher, req) : cold(req);
    },
    async close() {
      closed = true;
      // Like undici's close(), let a request in flight finish before releasing its connection.
      await firstSent?.catch(() => {});
      await first?.close?.();
      if (owned)
        await loading?.then(
          (agent) => agent.close(),
          () => {},
        );
    },
  };
}

async function undiciRequest(
  dispatcher: Dispatcher,
  req: TransportRequest,
): Promise<TransportResponse> {
  // One timer covers connect, headers and body (undici's own timeouts are too coarse). A tiny
  // signal object instead of an AbortController keeps the hot path cheap.
  const signal = new RequestSignal();
  const timer = setTimeout(() => signal.abort(TIMED_OUT), req.timeoutMs);
  const onAbort = () => signal.abort(req.signal?.reason ?? CALLER_ABORTED);
  const abortedFirst = req.signal?.aborted === true;
  if (req.signal) {
    if (abortedFirst) onAbort();
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
    throw mapTransportError(error, req, signal.reason === TIMED_OUT, !abortedFirst);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener("abort", onAbort);
  }
}

function closedError(req: TransportRequest): Error {
  return new NetworkError(`The transport to ${req.origin} was closed; nothing was sent.`, {
    requestSent: false,
    isRetryable: false,
  });
}
