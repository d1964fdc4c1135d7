/**
 * Windows Push Notification Services (WNS) adapter for nhub: format `windows`.
 * @packageDocumentation
 */
export {
  WNS_MAX_BYTES,
  type WnsAdapter,
  type WnsOptions,
  type WnsPayload,
  type WnsSendOptions,
  type WnsType,
  wns,
} from "./wns-adapter.js";
export { sendWindowsNotification } from "./wns-send.js";
