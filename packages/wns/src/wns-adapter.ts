import type { NotificationAdapter, PreparedNotification, SendOptions } from "@nhub/core";
import { byteLength, refuse, show } from "./wns-error.js";
import { xmlRoot } from "./wns-xml.js";

/** The WNS notification types: `X-WNS-Type` is `wns/{type}`. */
export type WnsType = "toast" | "tile" | "badge" | "raw";

/** A WNS payload: the XML text of a toast, tile or badge, or any text or bytes for `raw`. */
export type WnsPayload = string | Uint8Array;

/** WNS options. Given to {@link wns} they are defaults; given to a send they override those. */
export interface WnsOptions {
  /**
   * The notification type. Default: inferred from the XML root element (`<toast>`, `<tile>`,
   * `<badge>`). `"raw"` sends any text or bytes as `application/octet-stream`. An XML type that
   * disagrees with the root element is refused.
   */
  type?: WnsType;
  /** `X-WNS-Cache-Policy`: whether WNS keeps the notification while the device is offline. */
  cachePolicy?: "cache" | "no-cache";
  /** `X-WNS-TTL`: lifetime in whole seconds (a positive integer). */
  ttl?: number;
  /** `X-WNS-Tag`: 1 to 16 printable ASCII characters without spaces (replaces a queued tile with the same tag). */
  tag?: string;
  /** `X-WNS-PRIORITY`: 1 (highest) to 4 (lowest). */
  priority?: 1 | 2 | 3 | 4;
  /** `X-WNS-RequestForStatus: true`: ask WNS for device and connection status in its answer. */
  requestForStatus?: boolean;
}

/** Options of a WNS send: core's send options plus {@link WnsOptions}. */
export interface WnsSendOptions extends SendOptions, WnsOptions {}

/** The adapter returned by {@link wns}. */
export type WnsAdapter = NotificationAdapter<WnsPayload, WnsSendOptions>;

/** The largest body WNS accepts, in bytes (5 KB). */
export const WNS_MAX_BYTES = 5120;

const TYPES: readonly string[] = ["toast", "tile", "badge", "raw"];
const TAG = /^[\x21-\x7e]{1,16}$/;

/**
 * Creates the adapter for the `windows` format (Windows Push Notification Services).
 *
 * @param settings - defaults for every send made with this adapter; per-send options override them.
 * @throws PayloadValidationError when a setting is invalid.
 * @example
 * ```ts
 * const windows = wns({ ttl: 3600 });
 * await client.send(windows, '<toast launch="app"><visual>...</visual></toast>');
 * ```
 */
export function wns(settings: WnsOptions = {}): WnsAdapter {
  const defaultHeaders = headersFor(settings);
  return Object.freeze({
    specificationVersion: "v1",
    format: "windows",
    name: "@nhub/wns",
    prepare(payload: WnsPayload, options?: WnsSendOptions): PreparedNotification {
      let merged: WnsOptions = settings;
      let headers = defaultHeaders;
      if (options && OPTION_KEYS.some((key) => options[key] !== undefined)) {
        merged = {};
        for (const key of OPTION_KEYS) {
          const value = options[key] ?? settings[key];
          if (value !== undefined) Object.assign(merged, { [key]: value });
        }
        headers = headersFor(merged);
      }
      const raw = merged.type === "raw";
      if (typeof payload !== "string" && !(raw && payload instanceof Uint8Array)) {
        refuse(
          `the payload must be ${raw ? "a string or a Uint8Array" : 'an XML string (or use type "raw" for bytes)'}; got ${show(payload)}`,
        );
      }
      const size = byteLength(payload);
      if (size > WNS_MAX_BYTES)
        refuse(`the body is ${size} bytes; WNS accepts at most ${WNS_MAX_BYTES}`);
      if (raw) {
        return {
          body: payload,
          contentType: "application/octet-stream",
          headers: { "X-WNS-Type": "wns/raw", ...headers },
        };
      }
      const root = xmlRoot(payload as string);
      if (root !== "toast" && root !== "tile" && root !== "badge") {
        refuse(`the root element must be <toast>, <tile> or <badge>; found <${root}>`);
      }
      if (merged.type !== undefined && merged.type !== root) {
        refuse(`option type is ${show(merged.type)} but the root element is <${root}>`);
      }
      return {
        body: payload,
        contentType: "application/xml",
        headers: { "X-WNS-Type": `wns/${root}`, ...headers },
      };
    },
  });
}

const OPTION_KEYS = ["type", "cachePolicy", "ttl", "tag", "priority", "requestForStatus"] as const;

function headersFor(options: WnsOptions): Record<string, string> {
  const { type, cachePolicy, ttl, tag, priority, requestForStatus } = options;
  const headers: Record<string, string> = {};
  if (type !== undefined && !TYPES.includes(type)) {
    refuse(`option type must be "toast", "tile", "badge" or "raw"; got ${show(type)}`);
  }
  if (cachePolicy !== undefined) {
    if (cachePolicy !== "cache" && cachePolicy !== "no-cache") {
      refuse(`option cachePolicy must be "cache" or "no-cache"; got ${show(cachePolicy)}`);
    }
    headers["X-WNS-Cache-Policy"] = cachePolicy;
  }
  if (ttl !== undefined) {
    if (!Number.isSafeInteger(ttl) || ttl < 1)
      refuse(`option ttl must be a positive whole number of seconds; got ${show(ttl)}`);
    headers["X-WNS-TTL"] = String(ttl);
  }
  if (tag !== undefined) {
    if (typeof tag !== "string" || !TAG.test(tag)) {
      refuse(
        `option tag must be 1 to 16 printable ASCII characters without spaces; got ${show(tag)}`,
      );
    }
    headers["X-WNS-Tag"] = tag;
  }
  if (priority !== undefined) {
    if (priority !== 1 && priority !== 2 && priority !== 3 && priority !== 4) {
      refuse(`option priority must be 1, 2, 3 or 4; got ${show(priority)}`);
    }
    headers["X-WNS-PRIORITY"] = String(priority);
  }
  if (requestForStatus !== undefined) {
    if (typeof requestForStatus !== "boolean") {
      refuse(`option requestForStatus must be true or false; got ${show(requestForStatus)}`);
    }
    if (requestForStatus) headers["X-WNS-RequestForStatus"] = "true";
  }
  return headers;
}
