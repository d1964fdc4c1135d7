import type { NotificationAdapter, PreparedNotification, SendOptions } from "@nhub/core";
import { refuse, show } from "./fcm-error.js";
import { byteLength, isObject, readJson } from "./fcm-json.js";
import type { FcmV1Payload } from "./fcm-v1-payload.js";

/** The adapter returned by {@link fcmV1}. */
export type FcmV1Adapter = NotificationAdapter<FcmV1Payload, SendOptions>;

/** The largest body the FCM adapters send, in UTF-8 bytes (FCM's 4 KB message limit). */
export const FCM_MAX_BYTES = 4096;

const TARGETS = ["token", "topic", "condition"] as const;

/**
 * Creates the adapter for the `fcmv1` format (Firebase Cloud Messaging HTTP v1).
 *
 * Takes `{ message: {...} }` or the bare message (sent wrapped in `{"message":...}`), as an object
 * or as JSON text (JSON text is sent unchanged, or embedded unchanged in the envelope). Refuses
 * `message.token`, `topic` and `condition` (the hub targets the devices), `data` values that are
 * not strings (also in `android.data` and `webpush.data`), and bodies over {@link FCM_MAX_BYTES}.
 *
 * @example
 * ```ts
 * await client.send(fcmV1(), { message: { notification: { title: "Goal!" }, data: { id: "7" } } });
 * ```
 */
export function fcmV1(): FcmV1Adapter {
  return Object.freeze({
    specificationVersion: "v1",
    format: "fcmv1",
    name: "@nhub/fcm",
    prepare(payload: FcmV1Payload): PreparedNotification {
      const { text, value } = readJson(payload);
      const wrapped = value.message === undefined;
      const message = wrapped ? value : value.message;
      if (!isObject(message)) refuse(`message must be an object, got ${show(message)}`);
      for (const key of TARGETS) {
        if (message[key] !== undefined) {
          refuse(
            `message.${key} is not allowed (the hub chooses the devices; use tags or a direct send), got ${show(message[key])}`,
          );
        }
      }
      checkStrings(message.data, "message.data");
      for (const section of ["android", "webpush", "apns"] as const) {
        const config = message[section];
        if (config === undefined) continue;
        if (!isObject(config)) refuse(`message.${section} must be an object, got ${show(config)}`);
        if (section !== "apns") checkStrings(config.data, `message.${section}.data`);
      }
      const body = wrapped ? `{"message":${text}}` : text;
      const size = byteLength(body);
      if (size > FCM_MAX_BYTES) {
        refuse(`the message must be at most ${FCM_MAX_BYTES} bytes UTF-8, got ${size}`);
      }
      return { body, contentType: "application/json;charset=utf-8" };
    },
  });
}

function checkStrings(data: unknown, path: string): void {
  if (data === undefined) return;
  if (!isObject(data)) refuse(`${path} must be an object of strings, got ${show(data)}`);
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== "string") {
      refuse(`${path}.${key} must be a string (FCM data values are strings), got ${show(value)}`);
    }
  }
}
