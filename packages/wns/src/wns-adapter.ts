import type { NotificationAdapter, PreparedNotification, SendOptions } from "@nhub/core";
import { xmlOutline } from "@nhub/core";
import { byteLength, refuse, show } from "./wns-error.js";

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

/**
 * The options: key, header (`X-WNS-` + this; `type` waits there until `prepare` writes
 * `wns/{root}`), the pattern `describeValue(value)` must match (strings are shown quoted, other
 * primitives as `String` gives them, objects as "an object"), and what is accepted.
 */
const RULES = [
  ["type", "Type", /^"(toast|tile|badge|raw)"$/, '"toast", "tile", "badge" or "raw"'],
  ["cachePolicy", "Cache-Policy", /^"(no-)?cache"$/, '"cache" or "no-cache"'],
  ["ttl", "TTL", /^[1-9]\d*$/, "a positive integer"],
  // 1 to 16 of "!" to "~", where JSON shows '"' and "\" escaped.
  ["tag", "Tag", /^"([!#-[\]-~]|\\["\\]){1,16}"$/, "1 to 16 printable ASCII characters, no spaces"],
  ["priority", "PRIORITY", /^[1-4]$/, "1 to 4"],
  ["requestForStatus", "RequestForStatus", /^(true|false)$/, "true or false"],
] as const;

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
  const defaults = headersFor(settings);
  // The last string payload sent without WNS options and what it prepared to: most senders send
  // the same toast again and again, and the well-formedness scan is the adapter's main cost.
  let lastPayload: string | undefined;
  let lastHeaders: Record<string, string> = {};
  return Object.freeze({
    specificationVersion: "v1",
    format: "windows",
    name: "@nhub/wns",
    prepare(payload: WnsPayload, options?: WnsSendOptions): PreparedNotification {
      // A send that sets no WNS option reuses the headers checked once by wns().
      const headers =
        options && RULES.some(([key]) => options[key] !== undefined)
          ? headersFor(settings, options)
          : defaults;
      if (headers === defaults && payload === lastPayload) {
        return { body: payload, contentType: "application/xml", headers: lastHeaders };
      }
      const type = headers["X-WNS-Type"];
      const raw = type === "raw";
      if (typeof payload !== "string" && !(raw && payload instanceof Uint8Array))
        refuse(
          `the payload must be a string (or a Uint8Array with type "raw"); got ${show(payload)}`,
        );
      const size = byteLength(payload);
      if (size > WNS_MAX_BYTES)
        refuse(`the body is ${size} bytes; WNS accepts at most ${WNS_MAX_BYTES}`);
      const root = raw ? type : xmlOutline(payload as string, refuse).root.name;
      if (type ? type !== root : !/^(toast|tile|badge)$/.test(root)) {
        refuse(
          `the root element must be ${type ? `<${type}> (option type)` : "<toast>, <tile> or <badge>"}; found <${root}>`,
        );
      }
      const prepared = {
        body: payload,
        contentType: `application/${raw ? "octet-stream" : "xml"}`,
        headers: Object.freeze({ ...headers, "X-WNS-Type": `wns/${root}` }),
      };
      if (headers === defaults && !raw) {
        lastPayload = payload as string;
        lastHeaders = prepared.headers;
      }
      return prepared;
    },
  });
}

/** Checks the options (each from `options`, else from `settings`) and returns their headers. */
function headersFor(settings: WnsOptions, options?: WnsOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, header, pattern, accepted] of RULES) {
    const value = options?.[key] ?? settings[key];
    if (value === undefined) continue;
    const shown = show(value);
    // Above Number.MAX_SAFE_INTEGER (2 ** 53 - 1): only a ttl can be; other values compare false.
    if (!pattern.test(shown) || (value as number) >= 2 ** 53)
      refuse(`option ${key} must be ${accepted}; got ${shown}`);
    if (value !== false) headers[`X-WNS-${header}`] = `${value}`;
  }
  return headers;
}
