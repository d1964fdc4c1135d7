import { ServiceError, ThrottledError } from "./errors.js";
import { sleep } from "./retry.js";

/** What a {@link ThrottleGate} reports each time it starts or extends a hold. */
export interface ThrottleHoldInfo {
  /** The hub being held back. */
  hub: string;
  /** The status that caused the hold (429, or 403 with `Retry-After`). */
  status: number;
  /** How long requests to the hub now wait, in ms. */
  waitMs: number;
}

/** Options of a {@link ThrottleGate}. */
export interface ThrottleGateOptions {
  /** Called when a throttling answer starts or extends a hold (a hook for diagnostics). */
  onHold?: (info: ThrottleHoldInfo) => void;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * True for an answer that means "slow down, nothing was accepted": a 429, or a 403 that carries
 * `Retry-After` (the service's answer to a tier's quota).
 */
export function isThrottlingError(error: unknown): error is ServiceError {
  return (
    ServiceError.isInstance(error) &&
    (error.statusCode === 429 || (error.statusCode === 403 && error.retryAfterMs !== undefined))
  );
}

/**
 * The client-wide throttling hold, one per hub: once any request gets a throttling answer with
 * `Retry-After`, every request to that hub (queued or new) waits in {@link ThrottleGate.wait}
 * until the `Retry-After` has passed, instead of each one discovering the limit on its own.
 */
export class ThrottleGate {
  readonly #until = new Map<string, { until: number; status: number }>();
  readonly #onHold: ((info: ThrottleHoldInfo) => void) | undefined;
  readonly #now: () => number;
  #holds = 0;

  constructor(options: ThrottleGateOptions = {}) {
    this.#onHold = options.onHold;
    this.#now = options.now ?? Date.now;
  }

  /** How many holds were started or extended so far (any hub). */
  get holds(): number {
    return this.#holds;
  }

  /** Ms left on the hub's hold; 0 when requests may go. */
  remainingMs(hub: string): number {
    const hold = this.#until.get(hub);
    if (hold === undefined) return 0;
    const left = hold.until - this.#now();
    if (left <= 0) this.#until.delete(hub);
    return Math.max(0, left);
  }

  /** Holds the hub back for `waitMs` from now (never shortens a longer hold). */
  hold(hub: string, status: number, waitMs: number): void {
    if (!(waitMs > 0)) return;
    const until = this.#now() + waitMs;
    if (until <= (this.#until.get(hub)?.until ?? 0)) return;
    this.#until.set(hub, { until, status });
    this.#holds++;
    this.#onHold?.({ hub, status, waitMs });
  }

  /** Starts a hold when `error` is a throttling answer with `Retry-After`. Returns whether it did. */
  observe(hub: string, error: unknown): boolean {
    if (!isThrottlingError(error) || error.retryAfterMs === undefined) return false;
    this.hold(hub, error.statusCode, error.retryAfterMs);
    return true;
  }

  /**
   * Resolves once the hub is not held back (at once when it is not). Rejects with
   * `ThrottledError` as soon as the hold (as it is now, or once extended) lasts longer than
   * `maxWaitMs`, and with `AbortError` when `signal` fires: the caller then sends nothing.
   */
  async wait(
    hub: string,
    signal?: AbortSignal,
    maxWaitMs = Number.POSITIVE_INFINITY,
  ): Promise<void> {
    for (let left = this.remainingMs(hub); left > 0; left = this.remainingMs(hub)) {
      if (left > maxWaitMs) {
        const status = this.#until.get(hub)?.status ?? 429;
        throw new ThrottledError(
          `Not sent: a ${status} answer holds every request to hub "${hub}" back for ${left} ms more, longer than this request may wait (retry.maxRetryAfterMs = ${maxWaitMs} ms). Nothing was sent; retry after ${left} ms.`,
          { hub, statusCode: status, retryAfterMs: left },
        );
      }
      await sleep(left, signal);
    }
  }
}
