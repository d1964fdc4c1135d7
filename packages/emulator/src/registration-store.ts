import { randomBytes } from "node:crypto";
import type { AnyRegistration } from "@nhub/management";
import { registrationTargets } from "./registration-targets.js";
import type { PushTarget } from "./targeting.js";

/** The `ExpirationTime` of a registration in a hub whose registrations never expire. */
export const NEVER_EXPIRES = new Date("9999-12-31T23:59:59.999Z");

/** One stored registration: `registrationId`, `etag` and `expirationTime` always set. */
export interface StoredRegistration {
  registration: AnyRegistration & { registrationId: string; etag: string; expirationTime: Date };
  /** The ETag as a number: 1 on creation, one more on every write. */
  version: number;
  /** Creation order, for paging (a continuation token names the next `seq`). */
  seq: number;
}

/** What a lookup by id finds. */
export type RegistrationLookup =
  | { state: "live"; entry: StoredRegistration }
  | { state: "expired"; entry: StoredRegistration }
  | { state: "missing" };

function random63(): string {
  return BigInt.asUintN(63, randomBytes(8).readBigUInt64BE()).toString();
}

/** A registration id shaped like the service's: `{19 digits}-{19 digits}-{n}`. */
export function newRegistrationId(): string {
  return `${random63()}-${random63()}-${1 + ((randomBytes(1)[0] ?? 0) % 9)}`;
}

/** What the service rewrites on store: Apple tokens upper-cased, tags sorted and de-duplicated. */
function normalize(registration: AnyRegistration): AnyRegistration {
  const copy = structuredClone(registration);
  if (copy.kind === "apple") copy.deviceToken = copy.deviceToken.toUpperCase();
  if (copy.tags !== undefined) {
    const tags = [...new Set(copy.tags)].sort();
    if (tags.length > 0) copy.tags = tags;
    else delete copy.tags;
  }
  return copy;
}

/** The registrations of one hub, in creation order. */
export class RegistrationStore {
  private readonly entries = new Map<string, StoredRegistration>();
  private nextSeq = 1;

  /** `changed` hears of every registration written or removed (id), or of a clear (undefined). */
  constructor(private readonly changed: (id: string | undefined) => void = () => {}) {}

  /** Finds a registration; `expired` once its `ExpirationTime` has passed. */
  lookup(id: string, now: Date): RegistrationLookup {
    const entry = this.entries.get(id);
    if (entry === undefined) return { state: "missing" };
    return entry.registration.expirationTime.getTime() <= now.getTime()
      ? { state: "expired", entry }
      : { state: "live", entry };
  }

  /**
   * Creates (ETag 1) or replaces (ETag + 1) the registration `id`; an expired one is created
   * anew. `ttlMs` undefined: it never expires.
   */
  put(
    id: string,
    registration: AnyRegistration,
    now: Date,
    ttlMs: number | undefined,
  ): StoredRegistration {
    const found = this.lookup(id, now);
    const version = found.state === "live" ? found.entry.version + 1 : 1;
    const expirationTime =
      ttlMs === undefined
        ? NEVER_EXPIRES
        : new Date(Math.min(now.getTime() + ttlMs, 253402300799999));
    const entry: StoredRegistration = {
      registration: {
        ...normalize(registration),
        registrationId: id,
        etag: String(version),
        expirationTime,
      },
      version,
      seq: found.state === "live" ? found.entry.seq : this.nextSeq++,
    };
    if (found.state !== "live") this.entries.delete(id);
    this.entries.set(id, entry);
    this.changed(id);
    return entry;
  }

  /** Removes a registration; false when there was none. */
  delete(id: string): boolean {
    const had = this.entries.delete(id);
    if (had) this.changed(id);
    return had;
  }

  /** Live registrations in creation order. */
  live(now: Date): StoredRegistration[] {
    const time = now.getTime();
    return [...this.entries.values()]
      .filter((entry) => entry.registration.expirationTime.getTime() > time)
      .sort((a, b) => a.seq - b.seq);
  }

  /** The push targets of every live registration (native or template). */
  targets(now: Date): PushTarget[] {
    return this.live(now).flatMap((entry) => registrationTargets(entry.registration));
  }

  /** How many registrations are stored (expired ones included). */
  get size(): number {
    return this.entries.size;
  }

  /** Every stored registration (expired ones included), in creation order. */
  all(): StoredRegistration[] {
    return [...this.entries.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Replaces the contents with `entries` (as read back from `all()`). */
  restore(entries: readonly StoredRegistration[]): void {
    this.entries.clear();
    for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
      this.entries.set(entry.registration.registrationId, entry);
      this.nextSeq = Math.max(this.nextSeq, entry.seq + 1);
    }
    this.changed(undefined);
  }

  /** Forgets every registration. */
  clear(): void {
    this.entries.clear();
    this.changed(undefined);
  }
}
