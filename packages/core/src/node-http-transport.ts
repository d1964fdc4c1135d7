import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import type { Transport, TransportRequest, TransportResponse } from "./transport.js";
import {
  CALLER_ABORTED,
  flattenHeaders,
  mapTransportError,
  TIMED_OUT,
} from "./transport-errors.js";

/** Options of {@link createNodeHttpTransport}. */
export interface NodeHttpTransportOptions {
  /** Most ms from the start to an established connection (TCP, and TLS for https). Default 10 000, as undici. */
  connectTimeoutMs?: number;
}

/**
 * A transport over `node:http` / `node:https` with private agents (never the global ones) that
 * do not keep connections alive: every request opens its own connection and closes it. It loads
 * nothing beyond Node's built-ins, which makes it the cheapest way to make one request in a fresh
 * process. {@link createUndiciTransport} uses it for its first request. Behaves like the undici
 * transport: same errors, same header and body handling.
 */
export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): Transport {
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  let http: HttpAgent | undefined;
  let https: HttpsAgent | undefined;
  return {
    request(req: TransportRequest): Promise<TransportResponse> {
      if (req.origin.startsWith("https:")) {
        https ??= new HttpsAgent({ keepAlive: false });
        return send(httpsRequest, https, "secureConnect", req, connectTimeoutMs);
      }
      http ??= new HttpAgent({ keepAlive: false });
      return send(httpRequest, http, "connect", req, connectTimeoutMs);
    },
    async close() {
      http?.destroy();
      https?.destroy();
    },
  };
}

function send(
  request: typeof httpRequest,
  agent: HttpAgent,
  connectedEvent: "connect" | "secureConnect",
  req: TransportRequest,
  connectTimeoutMs: number,
): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    const signal = req.signal;
    if (signal?.aborted) {
      reject(mapTransportError(signal.reason ?? CALLER_ABORTED, req, false, false));
      return;
    }
    let outgoing: ClientRequest | undefined;
    let timedOut = false;
    // One timer covers connect, headers and body, as in the undici transport.
    const timer = setTimeout(() => {
      timedOut = true;
      fail(TIMED_OUT);
    }, req.timeoutMs);
    const onAbort = () => fail(signal?.reason ?? CALLER_ABORTED);
    signal?.addEventListener("abort", onAbort, { once: true });
    function finish(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
    function fail(error: unknown): void {
      finish();
      reject(mapTransportError(error, req, timedOut));
      outgoing?.destroy();
    }
    const body = typeof req.body === "string" ? Buffer.from(req.body) : req.body;
    const headers =
      body === undefined ? req.headers : { ...req.headers, "Content-Length": `${body.byteLength}` };
    try {
      outgoing = request(req.url, { method: req.method, headers, agent });
    } catch (error) {
      fail(error);
      return;
    }
    outgoing.on("error", fail);
    outgoing.once("socket", (socket: Socket) => {
      const onConnectTimeout = () => socket.destroy(connectTimeout(connectTimeoutMs));
      socket.setTimeout(connectTimeoutMs, onConnectTimeout);
      socket.once(connectedEvent, () => socket.setTimeout(0, onConnectTimeout));
    });
    outgoing.once("response", (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", fail);
      res.once("end", () => {
        finish();
        resolve({
          status: res.statusCode ?? 0,
          headers: flattenHeaders(res.headersDistinct),
          // Drops a leading byte order mark, as undici's body.text() does.
          body: new TextDecoder().decode(Buffer.concat(chunks)),
        });
      });
    });
    outgoing.end(body);
  });
}

function connectTimeout(ms: number): Error {
  return Object.assign(new Error(`nhub: no connection within ${ms} ms`), {
    code: "NHUB_CONNECT_TIMEOUT",
  });
}
