import type { IncomingHttpHeaders } from "node:http";
import { BoundedLog } from "./bounded-log.js";
import type { RequestRecord } from "./inspection-types.js";

/** How much of a request body the request log keeps. */
export const REQUEST_BODY_LIMIT = 16 * 1024;

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
  constructor(capacity: number) {
    super(capacity, "r");
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

  /** Records a request, secrets redacted, body cut at 16 KiB. */
  add(facts: Omit<RequestFacts, "id" | "sequence">): RequestRecord {
    const url = facts.url;
    const mark = url.indexOf("?");
    return this.push((id, sequence) => ({
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
  }
}
