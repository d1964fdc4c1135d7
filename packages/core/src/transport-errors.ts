import { AbortError, NetworkError, TimeoutError } from "./errors.js";
import type { TransportRequest } from "./transport.js";

/**
 * Error codes meaning the connection was never established, so nothing was sent. The last two
 * are the connect time-outs of undici and of the node:http(s) transport.
 */
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "NHUB_CONNECT_TIMEOUT",
]);

/** Node's codes for a server certificate refused during the TLS handshake. */
const TLS_REFUSED =
  /^(?:ERR_TLS_CERT_ALTNAME_INVALID|CERT_|UNABLE_TO_(?:VERIFY|GET_ISSUER)|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT)/;

/** The reason a transport aborts a request with when its one timer fires. */
export const TIMED_OUT = new Error("nhub: request timed out");
/** The reason used when the caller's signal fired without a reason of its own. */
export const CALLER_ABORTED = new Error("nhub: request aborted by the caller");

/**
 * Maps a failure of the Node transports (undici and node:http(s)) to core's errors. Messages
 * name the origin or the URL without its query, never a header value. `started` is false when
 * the request was stopped before anything of it could be written.
 */
export function mapTransportError(
  error: unknown,
  req: TransportRequest,
  timedOut: boolean,
  started = true,
): Error {
  const code = (error as { code?: string } | null)?.code ?? "";
  if (req.signal?.aborted) {
    // Once started, the request may have been written before the abort: say so.
    return new AbortError(
      started
        ? `The request to ${redactUrl(req.url)} was aborted by the caller; the service may have received it.`
        : `The request to ${redactUrl(req.url)} was aborted by the caller before it was sent.`,
      { cause: req.signal.reason ?? error, requestSent: started },
    );
  }
  if (timedOut || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return new TimeoutError(
      `No complete response from ${redactUrl(req.url)} within ${req.timeoutMs} ms; the service may have received the request. Raise timeoutMs if the hub is slow.`,
      { cause: error },
    );
  }
  const what = (error as Error | null)?.message ?? String(error);
  if (TLS_REFUSED.test(code)) {
    // The certificate was refused during the handshake: nothing was sent, and asking again
    // cannot help until the trust store or the endpoint changes.
    return new NetworkError(
      `The TLS handshake with ${req.origin} failed (${code}); nothing was sent. Check the Endpoint's host name, or trust its certificate authority (NODE_EXTRA_CA_CERTS, or a dispatcher with connect: { ca }).`,
      { cause: error, requestSent: false, isRetryable: false },
    );
  }
  const requestSent = !NOT_SENT.has(code);
  return new NetworkError(
    requestSent
      ? `The connection to ${req.origin} failed after the request was written (${code || what}); the service may have received it.`
      : `Could not connect to ${req.origin} (${code || what}); nothing was sent. Check the Endpoint of the connection string and the network.`,
    { cause: error, requestSent },
  );
}

/** Response headers as core wants them: repeated values joined by ", ". */
export function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = typeof value === "string" ? value : value.join(", ");
  }
  return out;
}

function redactUrl(url: string): string {
  return url.split("?")[0] ?? url;
}
