import type { NotificationHubClient, SendOptions, SendResult } from "@nhub/core";
import { fcmV1 } from "./fcm-v1-adapter.js";
import type { FcmV1Payload } from "./fcm-v1-payload.js";
import { type GcmPayload, gcm } from "./gcm-adapter.js";

const defaultFcmV1 = /* @__PURE__ */ fcmV1();
const defaultGcm = /* @__PURE__ */ gcm();

/**
 * Sends an FCM v1 notification (format `fcmv1`) through `client` with the {@link fcmV1} adapter;
 * nothing needs registering on the client.
 *
 * @param client - a client from `createClient`.
 * @param payload - `{ message: {...} }`, the bare message, or JSON text of either.
 * @param options - core's send options (`tags`, `tagExpression`, `test`, ...).
 * @throws PayloadValidationError before anything is sent when the payload is invalid.
 * @example
 * ```ts
 * await sendFcmV1Notification(client, { message: { notification: { title: "Goal!" } } }, { tags: "sports" });
 * ```
 */
export function sendFcmV1Notification(
  client: Pick<NotificationHubClient, "send">,
  payload: FcmV1Payload,
  options?: SendOptions,
): Promise<SendResult> {
  return client.send(defaultFcmV1, payload, { ...options });
}

/**
 * Sends a legacy FCM notification (format `gcm`) through `client` with the {@link gcm} adapter.
 *
 * @deprecated Google retired the legacy FCM APIs in June 2024; use {@link sendFcmV1Notification}.
 * @param client - a client from `createClient`.
 * @param payload - the legacy FCM JSON (without `to` / `registration_ids`), as an object or text.
 * @param options - core's send options (`tags`, `tagExpression`, `test`, ...).
 * @throws PayloadValidationError before anything is sent when the payload is invalid.
 */
export function sendGcmNotification(
  client: Pick<NotificationHubClient, "send">,
  payload: GcmPayload | string,
  options?: SendOptions,
): Promise<SendResult> {
  return client.send(defaultGcm, payload, { ...options });
}
