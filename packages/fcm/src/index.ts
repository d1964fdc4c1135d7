/**
 * Firebase Cloud Messaging adapters for nhub: formats `fcmv1` (HTTP v1) and `gcm` (legacy,
 * retired by Google in June 2024).
 * @packageDocumentation
 */

export { sendFcmV1Notification, sendGcmNotification } from "./fcm-send.js";
export { FCM_MAX_BYTES, type FcmV1Adapter, fcmV1 } from "./fcm-v1-adapter.js";
export type {
  FcmV1AndroidConfig,
  FcmV1AndroidNotification,
  FcmV1ApnsConfig,
  FcmV1Envelope,
  FcmV1Message,
  FcmV1Notification,
  FcmV1Payload,
  FcmV1WebpushConfig,
} from "./fcm-v1-payload.js";
export { type GcmAdapter, type GcmNotification, type GcmPayload, gcm } from "./gcm-adapter.js";
