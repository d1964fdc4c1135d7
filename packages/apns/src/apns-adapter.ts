import type { NotificationAdapter, PreparedNotification, SendOptions } from "@nhub/core";
import { refuse, show } from "./apns-error.js";
import { byteLength, readJson } from "./apns-json.js";
import { type ApnsPayload, checkAps } from "./apns-payload.js";

/** The `apns-push-type` values Apple defines. */
export type ApnsPushType =
  | "alert"
  | "background"
  | "voip"
  | "complication"
  | "fileprovider"
  | "mdm"
  | "location"
  | "liveactivity"
  | "pushtotalk";

/** APNs options. Given to {@link apns} they are defaults; given to a send they override those. */
export interface ApnsOptions {
  /** `apns-push-type`. `"voip"` raises the size limit to 5120 bytes. */
  pushType?: ApnsPushType;
  /**
   * `apns-priority`: 10 sends at once, 5 saves power. `background` pushes require 5, and get 5
   * when no priority is given.
   */
  priority?: 5 | 10;
  /** `apns-expiration`: when APNs stops trying, as whole epoch seconds or a `Date` (rounded down). 0: try once. */
  expiration?: number | Date;
  /** `apns-topic`: usually the app's bundle id (with `.voip`, `.complication`... for those types). */
  topic?: string;
  /** `apns-id`: a UUID (8-4-4-4-12 hex digits) identifying the notification. */
  id?: string;
  /** `apns-collapse-id`: notifications with the same id replace each other; 1 to 64 ASCII characters. */
  collapseId?: string;
}

/** Options of an APNs send: core's send options plus {@link ApnsOptions}. */
export interface ApnsSendOptions extends SendOptions, ApnsOptions {}

/** The adapter returned by {@link apns}. Payloads are objects or JSON text. */
export type ApnsAdapter = NotificationAdapter<ApnsPayload | string, ApnsSendOptions>;

/** The largest payload APNs accepts, in UTF-8 bytes. */
export const APNS_MAX_BYTES = 4096;
/** The largest VoIP payload (`pushType: "voip"`) APNs accepts, in UTF-8 bytes. */
export const APNS_VOIP_MAX_BYTES = 5120;

const PUSH_TYPES: readonly unknown[] = [
  "alert",
  "background",
  "voip",
  "complication",
  "fileprovider",
  "mdm",
  "location",
  "liveactivity",
  "pushtotalk",
];
const KEYS = ["pushType", "priority", "expiration", "topic", "id", "collapseId"] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOPIC = /^[\x21-\x7e]+$/;
const ASCII = /^[\x20-\x7e]*$/;
/** Epoch seconds above this are milliseconds by mistake (year 5138). */
const MAX_EPOCH_SECONDS = 99_999_999_999;

/**
 * Creates the adapter for the `apple` format (Apple Push Notification service).
 *
 * @param settings - defaults for every send made with this adapter; per-send options override them.
 * @throws PayloadValidationError when a setting is invalid.
 * @example
 * ```ts
 * const apple = apns({ topic: "com.example.news" });
 * await client.send(apple, { aps: { alert: "Breaking news" } }, { tags: "sports" });
 * ```
 */
export function apns(settings: ApnsOptions = {}): ApnsAdapter {
  headersFor(settings);
  return Object.freeze({
    specificationVersion: "v1",
    format: "apple",
    name: "@nhub/apns",
    prepare(payload: ApnsPayload | string, options?: ApnsSendOptions): PreparedNotification {
      const merged: ApnsOptions = {};
      for (const key of KEYS) {
        const value = options?.[key] ?? settings[key];
        if (value !== undefined) Object.assign(merged, { [key]: value });
      }
      const headers = headersFor(merged);
      const { text, value } = readJson(payload);
      checkAps(value.aps);
      const voip = merged.pushType === "voip";
      const limit = voip ? APNS_VOIP_MAX_BYTES : APNS_MAX_BYTES;
      const size = byteLength(text);
      if (size > limit) {
        refuse(
          `the payload must be at most ${limit} bytes UTF-8${voip ? " for voip" : ""}, got ${size}`,
        );
      }
      return { body: text, contentType: "application/json;charset=utf-8", headers };
    },
  });
}

function headersFor(options: ApnsOptions): Record<string, string> {
  const { pushType, priority, expiration, topic, id, collapseId } = options;
  const headers: Record<string, string> = {};
  if (pushType !== undefined) {
    if (!PUSH_TYPES.includes(pushType)) {
      refuse(`apns-push-type must be one of ${PUSH_TYPES.join(", ")}, got ${show(pushType)}`);
    }
    headers["apns-push-type"] = pushType;
  }
  if (priority !== undefined && priority !== 5 && priority !== 10) {
    refuse(`apns-priority must be 5 or 10, got ${show(priority)}`);
  }
  if (pushType === "background" && priority === 10) {
    refuse("apns-priority must be 5 for apns-push-type background, got 10");
  }
  const effectivePriority = priority ?? (pushType === "background" ? 5 : undefined);
  if (effectivePriority !== undefined) headers["apns-priority"] = String(effectivePriority);
  if (expiration !== undefined) headers["apns-expiration"] = String(epochSeconds(expiration));
  if (topic !== undefined) {
    if (typeof topic !== "string" || !TOPIC.test(topic)) {
      refuse(`apns-topic must be a non-empty string without spaces, got ${show(topic)}`);
    }
    headers["apns-topic"] = topic;
  }
  if (id !== undefined) {
    if (typeof id !== "string" || !UUID.test(id)) {
      refuse(
        `apns-id must be a UUID such as 123e4567-e89b-12d3-a456-42665544000a, got ${show(id)}`,
      );
    }
    headers["apns-id"] = id;
  }
  if (collapseId !== undefined) {
    if (typeof collapseId !== "string" || !ASCII.test(collapseId)) {
      refuse(`apns-collapse-id must be a string of printable ASCII, got ${show(collapseId)}`);
    }
    if (collapseId.length === 0 || collapseId.length > 64) {
      refuse(`apns-collapse-id must be 1 to 64 bytes, got ${collapseId.length}`);
    }
    headers["apns-collapse-id"] = collapseId;
  }
  return headers;
}

function epochSeconds(expiration: number | Date): number {
  if (expiration instanceof Date) {
    const ms = expiration.getTime();
    if (Number.isNaN(ms)) refuse("apns-expiration must be a valid Date, got an invalid Date");
    const seconds = Math.floor(ms / 1000);
    if (seconds < 0) refuse(`apns-expiration must be after 1970, got ${expiration.toISOString()}`);
    return seconds;
  }
  if (!Number.isSafeInteger(expiration) || expiration < 0) {
    refuse(`apns-expiration must be whole epoch seconds (or a Date), got ${show(expiration)}`);
  }
  if (expiration > MAX_EPOCH_SECONDS) {
    refuse(
      `apns-expiration must be epoch seconds, got ${expiration}, which looks like milliseconds (divide by 1000)`,
    );
  }
  return expiration;
}
