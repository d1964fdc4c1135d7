import type { NotificationAdapter, PreparedNotification, SendOptions } from "@nhub/core";
import { refuse } from "./browser-error.js";
import { byteLength, readJson } from "./browser-json.js";

/** A button of a Web Notification. */
export interface BrowserNotificationAction {
  action: string;
  title: string;
  icon?: string;
}

/**
 * A Web Push payload: the JSON your service worker receives in its `push` event. The usual shape
 * follows the Web Notification options (`title`, `body`, `icon`, ...); any other keys are allowed.
 */
export interface BrowserPayload {
  title?: string;
  body?: string;
  icon?: string;
  image?: string;
  badge?: string;
  tag?: string;
  lang?: string;
  dir?: "auto" | "ltr" | "rtl";
  renotify?: boolean;
  requireInteraction?: boolean;
  silent?: boolean;
  timestamp?: number;
  vibrate?: number[];
  actions?: BrowserNotificationAction[];
  /** Anything the service worker needs. */
  data?: unknown;
  [key: string]: unknown;
}

/** The adapter returned by {@link browser}. Payloads are objects or JSON text. */
export type BrowserAdapter = NotificationAdapter<BrowserPayload | string, SendOptions>;

/**
 * The largest payload sent, in UTF-8 bytes: 3993, the plaintext that fits the 4096-byte message
 * every Web Push service must accept once encrypted with `aes128gcm` (RFC 8291 section 4: 86
 * bytes of header, 16 of tag and 1 of padding).
 */
export const BROWSER_MAX_BYTES = 3993;

/**
 * Creates the adapter for the `browser` format (Web Push).
 *
 * Takes a JSON object, or its text (sent unchanged), of at most {@link BROWSER_MAX_BYTES} bytes,
 * as `application/json;charset=utf-8`.
 *
 * @example
 * ```ts
 * await client.send(browser(), { title: "Goal!", body: "2-1", icon: "/icon.png" });
 * ```
 */
export function browser(): BrowserAdapter {
  return Object.freeze({
    specificationVersion: "v1",
    format: "browser",
    name: "@nhub/browser",
    prepare(payload: BrowserPayload | string): PreparedNotification {
      const { text } = readJson(payload);
      const size = byteLength(text);
      if (size > BROWSER_MAX_BYTES) {
        refuse(
          `the payload must be at most ${BROWSER_MAX_BYTES} bytes UTF-8 (Web Push), got ${size}`,
        );
      }
      return { body: text, contentType: "application/json;charset=utf-8" };
    },
  });
}
