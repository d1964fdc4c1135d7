import type { RetryOptions } from "./client-types.js";
import { AbortError, NetworkError, ServiceError, TimeoutError } from "./errors.js";

/** A retry policy with every default filled in. */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  unsafe: boolean;
}

const NO_RETRY: RetryPolicy = {
  maxRetries: 0,
  baseDelayMs: 0,
  maxDelayMs: 0,
  maxRetryAfterMs: 0,
  unsafe: false,
};

/** Fills in the defaults of the `retry` client option. */
export function resolveRetryPolicy(option: boolean | RetryOptions | undefined): RetryPolicy {
  if (option === false) return NO_RETRY;
  const o = option === true || option === undefined ? {} : option;
  return {
    maxRetries: o.maxRetries ?? 3,
    baseDelayMs: o.baseDelayMs ?? 500,
    maxDelayMs: o.maxDelayMs ?? 8000,
    maxRetryAfterMs: o.maxRetryAfterMs ?? 60_000,
    unsafe: o.unsafe ?? false,
  };
}

const MAYBE_ACCEPTED = new Set([408, 500, 502, 504]);

/**
 * How long to wait before retrying after `error` (attempt counts from 0), or undefined when the
 * request must not be retried. A request the service may already have accepted is retried only
 * when it is idempotent or the caller opted in with `unsafe`.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  error: unknown,
  idempotent: boolean,
): number | undefined {
  if (attempt >= policy.maxRetries || AbortError.isInstance(error)) return undefined;
  const repeatable = idempotent || policy.unsafe;
  let retry = false;
  let retryAfterMs: number | undefined;
  if (ServiceError.isInstance(error)) {
    const e = error as ServiceError;
    retryAfterMs = e.retryAfterMs;
    retry =
      e.statusCode === 429 ||
      e.statusCode === 503 ||
      (e.statusCode === 403 && retryAfterMs !== undefined) ||
      (repeatable && MAYBE_ACCEPTED.has(e.statusCode));
    if (e.statusCode === 403 && retryAfterMs === undefined) retry = false;
  } else if (NetworkError.isInstance(error)) {
    retry = !(error as NetworkError).requestSent || repeatable;
  } else if (TimeoutError.isInstance(error)) {
    retry = repeatable;
  }
  if (!retry) return undefined;
  if (retryAfterMs !== undefined) {
    return retryAfterMs <= policy.maxRetryAfterMs ? retryAfterMs : undefined;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Waits `ms`, rejecting with `AbortError` when `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(
        new AbortError("Aborted by the caller while waiting to retry.", { cause: signal.reason }),
      );
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(
        new AbortError("Aborted by the caller while waiting to retry.", { cause: signal?.reason }),
      );
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
