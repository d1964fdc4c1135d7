import type { NotificationAdapter, PreparedNotification, SendOptions } from "@nhub/core";
import { refuse } from "./xiaomi-error.js";
import { byteLength, readJson } from "./xiaomi-json.js";

/**
 * A Xiaomi (Mi Push) message. The usual fields are typed; any other keys (such as `extra.*`)
 * are allowed.
 */
export interface XiaomiPayload {
  /** The notification title. */
  title?: string;
  /** The notification text. */
  description?: string;
  /** The message content delivered to the app. */
  payload?: string;
  /** 0: a notification shown by the system; 1: a pass-through message for the app. */
  pass_through?: 0 | 1;
  /** -1 for all defaults, or a sum of 1 (sound), 2 (vibration) and 4 (lights). */
  notify_type?: number;
  /** Notifications with the same id replace each other. */
  notify_id?: number;
  /** The app's package name. */
  restricted_package_name?: string;
  /** How long Mi Push keeps the message for an offline device, in milliseconds. */
  time_to_live?: number;
  /** Custom key-value pairs. */
  extra?: Record<string, string>;
  [key: string]: unknown;
}

/** The adapter returned by {@link xiaomi}. Payloads are objects or JSON text. */
export type XiaomiAdapter = NotificationAdapter<XiaomiPayload | string, SendOptions>;

/** The largest payload sent, in UTF-8 bytes: Mi Push's 4 KB message limit. */
export const XIAOMI_MAX_BYTES = 4096;

/**
 * Creates the adapter for the `xiaomi` format (Mi Push).
 *
 * Takes a JSON object, or its text (sent unchanged), of at most {@link XIAOMI_MAX_BYTES} bytes,
 * as `application/json;charset=utf-8`.
 *
 * @example
 * ```ts
 * await client.send(xiaomi(), { title: "Goal!", description: "2-1" });
 * ```
 */
export function xiaomi(): XiaomiAdapter {
  return Object.freeze({
    specificationVersion: "v1",
    format: "xiaomi",
    name: "@nhub/xiaomi",
    prepare(payload: XiaomiPayload | string): PreparedNotification {
      const { text } = readJson(payload);
      const size = byteLength(text);
      if (size > XIAOMI_MAX_BYTES) {
        refuse(`the payload must be at most ${XIAOMI_MAX_BYTES} bytes UTF-8, got ${size}`);
      }
      return { body: text, contentType: "application/json;charset=utf-8" };
    },
  });
}
