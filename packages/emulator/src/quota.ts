import { InvalidArgumentError } from "@nhub/core";
import { errorReply, type Reply } from "./service-reply.js";

/** A per-hub request quota of the emulator (see `EmulatorOptions.quota`). */
export interface EmulatorQuota {
  /** Requests each hub accepts over any sliding second; beyond, it answers `status`. */
  requestsPerSecond: number;
  /** The throttling answer: 429 (default) or 403, as the service does for a tier's limits. */
  status?: 429 | 403;
}

/** Counts requests per hub over a sliding second and refuses those beyond the quota. */
export class QuotaLimiter {
  readonly #rate: number;
  readonly #status: 429 | 403;
  readonly #seen = new Map<string, number[]>();

  constructor(quota: EmulatorQuota) {
    const rate = quota?.requestsPerSecond;
    if (typeof rate !== "number" || !Number.isSafeInteger(rate) || rate < 1) {
      throw new InvalidArgumentError(
        "startEmulator: quota.requestsPerSecond must be a whole number of requests, 1 or more",
      );
    }
    if (quota.status !== undefined && quota.status !== 429 && quota.status !== 403) {
      throw new InvalidArgumentError("startEmulator: quota.status must be 429 or 403");
    }
    this.#rate = rate;
    this.#status = quota.status ?? 429;
  }

  /** The hub a request path addresses (its first segment), or undefined for `/_nhub/` paths. */
  static hubOf(url: string): string | undefined {
    const first = url.split("?")[0]?.split("/")[1];
    if (!first || first === "_nhub") return undefined;
    return decodeURIComponent(first).toLowerCase();
  }

  /** A throttling reply when the hub of `url` is over its quota now, else undefined. */
  check(url: string, now = Date.now()): Reply | undefined {
    const hub = QuotaLimiter.hubOf(url);
    if (hub === undefined) return undefined;
    let times = this.#seen.get(hub);
    if (!times) {
      times = [];
      this.#seen.set(hub, times);
    }
    while (times.length > 0 && (times[0] as number) <= now - 1000) times.shift();
    if (times.length < this.#rate) {
      times.push(now);
      return undefined;
    }
    const retryAfter = Math.max(1, Math.ceil(((times[0] as number) + 1000 - now) / 1000));
    const reply = errorReply(
      this.#status,
      `Quota exceeded: this hub accepts ${this.#rate} requests per second. Retry after ${retryAfter} s.`,
    );
    reply.headers = { ...reply.headers, "Retry-After": String(retryAfter) };
    reply.hub = hub;
    return reply;
  }
}
