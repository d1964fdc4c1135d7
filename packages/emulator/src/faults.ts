import { InvalidArgumentError } from "@nhub/core";
import type { FaultOptions } from "./types.js";

/** A fault as applied to one request. */
export interface ActiveFault {
  status: number | undefined;
  retryAfter: number | undefined;
  delayMs: number;
  dropAfterAccept: boolean;
}

function checkNumber(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && (!Number.isFinite(value) || value < min)) {
    throw new InvalidArgumentError(`injectFault: ${name} must be a number >= ${min}`);
  }
}

/** The queue of injected faults; each request takes the next one, whatever its route. */
export class FaultQueue {
  private readonly queue: { fault: ActiveFault; remaining: number }[] = [];

  /** Queues a fault for the next `times` requests (after those already queued). */
  add(options: FaultOptions): void {
    if (options === null || typeof options !== "object") {
      throw new InvalidArgumentError("injectFault: expected an options object");
    }
    const { status, retryAfter, times = 1, delayMs = 0, dropAfterAccept = false } = options;
    if (status !== undefined && (!Number.isInteger(status) || status < 100 || status > 599)) {
      throw new InvalidArgumentError("injectFault: status must be an HTTP status code (100-599)");
    }
    checkNumber("retryAfter", retryAfter, 0);
    checkNumber("delayMs", delayMs, 0);
    if (!Number.isInteger(times) || times < 1) {
      throw new InvalidArgumentError("injectFault: times must be a whole number >= 1");
    }
    if (status === undefined && delayMs === 0 && !dropAfterAccept) {
      throw new InvalidArgumentError("injectFault: give a status, delayMs or dropAfterAccept");
    }
    this.queue.push({ fault: { status, retryAfter, delayMs, dropAfterAccept }, remaining: times });
  }

  /** The fault for the request now arriving, if any. */
  take(): ActiveFault | undefined {
    const head = this.queue[0];
    if (head === undefined) return undefined;
    head.remaining--;
    if (head.remaining === 0) this.queue.shift();
    return head.fault;
  }

  /** Forgets every queued fault. */
  clear(): void {
    this.queue.length = 0;
  }
}
