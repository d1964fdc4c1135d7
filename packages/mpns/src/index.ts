/**
 * Microsoft Push Notification Service (MPNS) adapter for nhub: format `windowsphone`.
 * MPNS is retired; this package is kept for hubs that still serve old Windows Phone apps.
 * @packageDocumentation
 */
export {
  MPNS_MAX_BYTES,
  MPNS_RAW_MAX_BYTES,
  type MpnsAdapter,
  type MpnsOptions,
  type MpnsPayload,
  type MpnsSendOptions,
  type MpnsType,
  mpns,
} from "./mpns-adapter.js";
export { sendMpnsNotification } from "./mpns-send.js";
