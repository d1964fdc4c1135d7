/**
 * Apple Push Notification service (APNs) adapter for nhub: format `apple`.
 * @packageDocumentation
 */
export {
  APNS_MAX_BYTES,
  APNS_VOIP_MAX_BYTES,
  type ApnsAdapter,
  type ApnsOptions,
  type ApnsPushType,
  type ApnsSendOptions,
  apns,
} from "./apns-adapter.js";
export type { ApnsPayload, Aps, ApsAlert, ApsSound } from "./apns-payload.js";
export { sendAppleNotification } from "./apns-send.js";
