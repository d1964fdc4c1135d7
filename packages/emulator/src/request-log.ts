import type { IncomingHttpHeaders } from "node:http";
import { BoundedLog } from "./bounded-log.js";
import type { RequestRecord } from "./inspection-types.js";

/** How much of a request body the request log keeps. */
export const REQUEST_BODY_LIMIT = 16 * 1024;

/**
 * How many body bytes the request log keeps in all: past it, the oldest requests lose their
 * bodies (`bodyTruncated: true`, `body: ""`), so 10,000 batch sends of 16 KiB each do not hold
 * 160 MiB.
 */
export const REQUEST_BODIES_BUDGET = 4 * 1024 * 1024;

/** Replaces the value of every `sig=` parameter (SAS tokens, file and feedback URLs). */
export function redactSig(text: string): string {
  return text.replace(/(^|[?&\s])(sig=)[^&\s]*/gi, "$1$2<redacted>");
}

function headerRecord(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    out[name.toLowerCase()] = redactSig(text);
  }
  return out;
}

/** What the emulator knows of a request once it was answered. */
export interface RequestFacts {
  id: string;
  sequence: number;
  receivedAt: Date;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
  hub: string | undefined;
  notificationId: string | undefined;
  test: boolean;
  outcome: object | null;
  deliveryIds: string[];
  durationMs: number;
}

/** The bounded log of data-plane requests; ids `r1`, `r2` … */
export class RequestLog extends BoundedLog<RequestRecord> {
  private bodyBytes = 0;
  private oldestWithBody = 1;

  constructor(
    capacity: number,
    private readonly bodiesBudget = REQUEST_BODIES_BUDGET,
  ) {
    super(capacity, "r");
  }

  override onDrop(entry: RequestRecord): void {
    this.bodyBytes -= entry.body.length;
  }

  override clear(): void {
    super.clear();
    this.bodyBytes = 0;
  }

  /** Empties the bodies of the oldest requests until the retained bodies fit the budget. */
  private trimBodies(newest: number): void {
    this.oldestWithBody = Math.max(this.oldestWithBody, newest - this.size + 1);
    while (this.bodyBytes > this.bodiesBudget && this.oldestWithBody < newest) {
      const entry = this.get(`${this.prefix}${this.oldestWithBody++}`);
      if (entry === undefined || entry.body.length === 0) continue;
      this.bodyBytes -= entry.body.length;
      entry.body = "";
      entry.bodyTruncated = true;
    }
  }

  /**
   * Forgets delivery `deliveryId` in the `deliveryIds` of request `requestId`: called as the
   * delivery log drops it, so a batch request's ids do not outlive their deliveries (a request
   * log of 10,000 batch sends would otherwise hold 10,000,000 ids).
   */
  dropDelivery(requestId: string, deliveryId: string): void {
    const ids = this.get(requestId)?.deliveryIds;
    if (ids === undefined || ids.length === 0) return;
    // Deliveries are dropped oldest first, so it is nearly always the first id.
    if (ids[0] === deliveryId) ids.shift();
    else {
      const at = ids.indexOf(deliveryId);
      if (at >= 0) ids.splice(at, 1);
    }
  }

  /** Records a request, secrets redacted, body cut at 16 KiB (older bodies emptied past the budget). */
  add(facts: Omit<RequestFacts, "id" | "sequence">): RequestRecord {
    const url = facts.url;
    const mark = url.indexOf("?");
    const record = this.push((id, sequence) => ({
      id,
      sequence,
      receivedAt: facts.receivedAt.toISOString(),
      method: facts.method,
      path: mark < 0 ? url : url.slice(0, mark),
      query: mark < 0 ? "" : redactSig(url.slice(mark + 1)),
      status: facts.status,
      hub: facts.hub ?? null,
      notificationId: facts.notificationId ?? null,
      headers: headerRecord(facts.headers),
      body: facts.body.subarray(0, REQUEST_BODY_LIMIT).toString("utf8"),
      bodyTruncated: facts.body.length > REQUEST_BODY_LIMIT,
      test: facts.test,
      outcome: facts.outcome,
      deliveryIds: facts.deliveryIds,
      durationMs: facts.durationMs,
    }));
    this.bodyBytes += record.body.length;
    this.trimBodies(record.sequence);
    return record;
  }
}
