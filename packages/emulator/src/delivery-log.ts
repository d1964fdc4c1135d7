import { BoundedLog } from "./bounded-log.js";
import type { DeliveryInput } from "./delivery.js";
import type { DeliveryRecord } from "./inspection-types.js";
import type { Delivery } from "./types.js";

/** Default bound of the delivery log and the request log. */
export const DEFAULT_MAX_DELIVERIES = 10_000;

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** True when `bytes` are valid UTF-8 (a fatal `TextDecoder` check). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    STRICT_UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** What produced a delivery: the request being handled, if any. */
export interface DeliveryOrigin {
  requestId: string;
  test: boolean;
}

/** The bounded log of deliveries, newest kept; ids `d1`, `d2` … */
export class DeliveryLog extends BoundedLog<DeliveryRecord> {
  /** Base64 and UTF-8 check per body buffer: the deliveries of one batch or broadcast share them. */
  private readonly encoded = new WeakMap<Buffer, { base64: string; utf8: boolean }>();

  constructor(capacity: number) {
    super(capacity, "d");
  }

  private encode(input: DeliveryInput): { base64: string; utf8: boolean } {
    // A string (a rendered template) always encodes to valid UTF-8.
    if (input.bytes === undefined) {
      return { base64: Buffer.from(input.body, "utf8").toString("base64"), utf8: true };
    }
    let known = this.encoded.get(input.bytes);
    if (known === undefined) {
      known = { base64: input.bytes.toString("base64"), utf8: isValidUtf8(input.bytes) };
      this.encoded.set(input.bytes, known);
    }
    return known;
  }

  /** Records a delivery as a {@link DeliveryRecord}. */
  add(input: DeliveryInput, origin: DeliveryOrigin | undefined, now: Date): DeliveryRecord {
    const { base64, utf8 } = this.encode(input);
    return this.push((id, sequence) => ({
      id,
      sequence,
      receivedAt: now.toISOString(),
      hub: input.hub,
      notificationId: input.notificationId,
      requestId: origin?.requestId ?? "",
      installationId: input.installationId ?? null,
      registrationId: input.registrationId ?? null,
      platform: input.platform,
      format: input.format,
      pushChannel: input.pushChannel,
      tags: input.tags,
      headers: { ...input.headers },
      body: input.body,
      bodyBase64: base64,
      bodyIsUtf8: utf8,
      templateName: input.templateName ?? null,
      template: input.template,
      test: origin?.test ?? false,
    }));
  }
}

/** The public {@link Delivery} shape of a record (a copy; the same fields as before the log). */
export function toDelivery(record: DeliveryRecord): Delivery {
  return {
    notificationId: record.notificationId,
    hub: record.hub,
    installationId: record.installationId ?? undefined,
    ...(record.registrationId === null ? {} : { registrationId: record.registrationId }),
    platform: record.platform,
    pushChannel: record.pushChannel,
    headers: { ...record.headers },
    body: record.body,
    ...(record.templateName === null ? {} : { templateName: record.templateName }),
  };
}

/** Filters of the deliveries list and stream (query parameters). */
export type DeliveryFilter = (record: DeliveryRecord) => boolean;

const FILTER_FIELDS = [
  "hub",
  "installationId",
  "registrationId",
  "platform",
  "notificationId",
] as const;

/** Builds the filter of `?hub=&installationId=&registrationId=&platform=&tag=&notificationId=&since=`; a string is the error. */
export function deliveryFilter(query: URLSearchParams): DeliveryFilter | string {
  const checks: DeliveryFilter[] = [];
  for (const field of FILTER_FIELDS) {
    const value = query.get(field);
    if (value !== null && value !== "") checks.push((record) => record[field] === value);
  }
  const tag = query.get("tag");
  if (tag !== null && tag !== "") {
    const lower = tag.toLowerCase();
    checks.push((record) => record.tags.some((candidate) => candidate.toLowerCase() === lower));
  }
  const since = query.get("since");
  if (since !== null && since !== "") {
    const time = Date.parse(since);
    if (Number.isNaN(time))
      return "since must be an ISO-8601 time, for example 2026-01-31T12:00:00Z";
    checks.push((record) => Date.parse(record.receivedAt) >= time);
  }
  return (record) => checks.every((check) => check(record));
}
