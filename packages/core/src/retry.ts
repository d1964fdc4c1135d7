import type { RetryOptions } from "./client-types.js";
import {
  AbortError,
  ClientClosedError,
  NetworkError,
  ServiceError,
  ThrottledError,
  TimeoutError,
} from "./errors.js";

/** Statuses after which the service may nevertheless have accepted the request. */
const MAYBE_ACCEPTED_STATUSES = [408, 500, 502, 504];

/**
 * True when a request that failed with `error` may nevertheless have been accepted by the
 * service, so that sending it again may deliver the same push twice: a 408, 500, 502 or 504, a
 * time-out, a connection lost after the request was written (`NetworkError.requestSent`), or an
 * abort (`AbortError`, `ClientClosedError`) with `requestSent`. False for an answer that refused
 * it (400, 403, 429, ...), a connection that failed before anything was sent, a `ThrottledError`
 * and a request stopped before it was sent (unless an earlier attempt's outcome is unknown):
 * those are safe to send again.
 */
export function mayHaveBeenAccepted(error: unknown): boolean {
  if (
    AbortError.isInstance(error) ||
    ClientClosedError.isInstance(error) ||
    ThrottledError.isInstance(error)
  ) {
    return error.requestSent;
  }
  if (ServiceError.isInstance(error)) return MAYBE_ACCEPTED_STATUSES.includes(error.statusCode);
  if (NetworkError.isInstance(error)) return error.requestSent;
  return TimeoutError.isInstance(error);
}

/** A retry policy with every default filled in. */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  unsafe: boolean;
}

/** Fills in the defaults of the `retry` client option. */
export function resolveRetryPolicy(option: boolean | RetryOptions | undefined): RetryPolicy {
  const o: RetryOptions =
    option === false ? { maxRetries: 0 } : option === true ? {} : (option ?? {});
  return {
    maxRetries: o.maxRetries ?? 3,
    baseDelayMs: o.baseDelayMs ?? 500,
    maxDelayMs: o.maxDelayMs ?? 8000,
    maxRetryAfterMs: o.maxRetryAfterMs ?? 60_000,
    unsafe: o.unsafe ?? false,
  };
}

/**
 * How long to wait before retrying after `error` (attempt counts from 0), or undefined when the
 * request must not be retried. A request the service may already have accepted (a 408, 500, 502
 * or 504, a time-out, a connection lost after writing) is retried only when it is idempotent or
 * the caller opted in with `unsafe`; 429, 503, a 403 with `Retry-After` and a connect that
 * failed before anything was sent are always retried (a refused TLS certificate never is).
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  error: unknown,
  idempotent: boolean,
): number | undefined {
  if (attempt >= policy.maxRetries || AbortError.isInstance(error)) return undefined;
  const repeatable = idempotent || policy.unsafe;
  const status = ServiceError.isInstance(error) ? error.statusCode : 0;
  const retryAfterMs = status ? (error as ServiceError).retryAfterMs : undefined;
  const retry = status
    ? status === 429 ||
      status === 503 ||
      (status === 403
        ? retryAfterMs !== undefined
        : repeatable && MAYBE_ACCEPTED_STATUSES.includes(status))
    : NetworkError.isInstance(error)
      ? error.requestSent
        ? repeatable
        : error.isRetryable
      : repeatable && TimeoutError.isInstance(error);
  if (!retry) return undefined;
  if (retryAfterMs !== undefined) {
    return retryAfterMs <= policy.maxRetryAfterMs ? retryAfterMs : undefined;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Waits `ms`, rejecting with `AbortError` when `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(
        new AbortError("Aborted by the caller while waiting to retry.", { cause: signal?.reason }),
      );
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    if (signal?.aborted) abort();
    else signal?.addEventListener("abort", abort, { once: true });
  });
}
