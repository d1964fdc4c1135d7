import { AbortError, NetworkError, TimeoutError } from "./errors.js";
import type { Transport, TransportRequest, TransportResponse } from "./transport.js";

/**
 * The transport for runtimes without undici (browsers, edge workers, Deno, Bun): the global
 * `fetch`. A failed fetch cannot tell whether the request left, so it counts as sent.
 */
export function createFetchTransport(
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): Transport {
  return {
    async request(req: TransportRequest): Promise<TransportResponse> {
      if (req.signal?.aborted) {
        throw new AbortError("The request was aborted by the caller before it was sent.", {
          cause: req.signal.reason,
        });
      }
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, req.timeoutMs);
      const onAbort = () => controller.abort();
      req.signal?.addEventListener("abort", onAbort, { once: true });
      try {
        const res = await fetchImpl(req.url, {
          method: req.method,
          headers: req.headers,
          body: req.body as RequestInit["body"],
          signal: controller.signal,
        });
        const body = await res.text();
        const headers: Record<string, string> = {};
        res.headers.forEach((value, name) => {
          headers[name] = value;
        });
        return { status: res.status, headers, body };
      } catch (error) {
        if (req.signal?.aborted) {
          throw new AbortError(
            "The request was aborted by the caller; the service may have received it.",
            { cause: error, requestSent: true },
          );
        }
        if (timedOut) {
          throw new TimeoutError(
            `No complete response within ${req.timeoutMs} ms; the service may have received the request. Raise timeoutMs if the hub is slow.`,
            { cause: error },
          );
        }
        throw new NetworkError(
          `The request to ${req.origin} failed; the service may have received it.`,
          {
            cause: error,
            requestSent: true,
          },
        );
      } finally {
        clearTimeout(timer);
        req.signal?.removeEventListener("abort", onAbort);
      }
    },
  };
}
