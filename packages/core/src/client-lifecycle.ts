import { AbortError, ClientClosedError, ThrottledError } from "./errors.js";

/** Options of `client.close()`. */
export interface CloseOptions {
  /**
   * How long to wait for the requests in flight, in ms, before aborting them. Default 30000;
   * 0 aborts them at once.
   */
  deadlineMs?: number;
}

/** What `client.close()` resolves to. */
export interface CloseResult {
  /** Requests in flight at `close()` that ended (answered or failed) before the deadline. */
  finished: number;
  /** Requests in flight at the deadline, aborted (they reject with `ClientClosedError`). */
  aborted: number;
}

/**
 * @internal Counts a client's requests in flight and runs its graceful shutdown: once closed,
 * new requests are refused; at the deadline, the rest are aborted through the one signal every
 * request of the client carries (one controller per client, not per request: the hot path
 * allocates no controller and no signal).
 */
export class RequestTracker {
  readonly #controller = new AbortController();
  #closing: Promise<CloseResult> | undefined;
  #aborted = false;
  #inFlight = 0;
  #idle: (() => void) | undefined;

  /** Aborted when `close()` reaches its deadline with requests in flight. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** True once `close()` reached its deadline with requests in flight and aborted them. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** Counts a request in; throws `ClientClosedError` once the client is closed. */
  begin(operation: string): void {
    if (this.#closing) {
      throw new ClientClosedError(
        `${operation} refused: this client is closed (client.close() was called). Create a new client to send again.`,
      );
    }
    this.#inFlight++;
  }

  /** Counts a request out (answered, failed or aborted). */
  end(): void {
    this.#inFlight--;
    if (this.#inFlight === 0) this.#idle?.();
  }

  /** Refuses new requests, waits up to `deadlineMs` for the rest, then aborts them. */
  close(deadlineMs: number): Promise<CloseResult> {
    this.#closing ??= this.#drain(deadlineMs);
    return this.#closing;
  }

  async #drain(deadlineMs: number): Promise<CloseResult> {
    const pending = this.#inFlight;
    if (pending === 0) return { finished: 0, aborted: 0 };
    const idle = new Promise<void>((resolve) => {
      this.#idle = resolve;
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadlineMs);
    });
    await Promise.race([idle, deadline]);
    clearTimeout(timer);
    const aborted = this.#inFlight;
    if (aborted > 0) {
      this.#aborted = true;
      this.#controller.abort(
        new ClientClosedError(
          `client.close() aborted this request at its ${deadlineMs} ms deadline.`,
        ),
      );
      await idle;
    }
    return { finished: pending - aborted, aborted };
  }
}

/**
 * @internal The error of a request stopped by an abort: `ClientClosedError` when `close()`
 * reached its deadline (`closedAtDeadline`), else the `AbortError`; either says `requestSent`
 * when an attempt may have reached the service (now or earlier: `outstanding`). A
 * `ThrottledError` after such an attempt says so too. Other errors are returned as they are.
 */
export function stoppedError(
  error: unknown,
  operation: string,
  outstanding: boolean,
  closedAtDeadline: boolean,
): unknown {
  if (ThrottledError.isInstance(error) && outstanding) {
    const { hub, statusCode, retryAfterMs } = error;
    return new ThrottledError(`${error.message} An earlier attempt may have been accepted.`, {
      hub,
      statusCode,
      retryAfterMs,
      requestSent: true,
      cause: error,
    });
  }
  if (!AbortError.isInstance(error)) return error;
  const requestSent = outstanding || error.requestSent;
  if (closedAtDeadline) {
    return new ClientClosedError(
      requestSent
        ? `${operation} aborted: client.close() reached its deadline while it was in flight; the service may have accepted it.`
        : `${operation} aborted: client.close() reached its deadline before it was sent; nothing was sent.`,
      { cause: error, requestSent },
    );
  }
  if (requestSent === error.requestSent) return error;
  return new AbortError(
    `${operation} aborted while waiting to retry; an earlier attempt may have been accepted.`,
    { cause: error, requestSent },
  );
}
