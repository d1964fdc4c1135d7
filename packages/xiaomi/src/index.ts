/**
 * Xiaomi (Mi Push) adapter for nhub: format `xiaomi`.
 * @packageDocumentation
 */
export {
  XIAOMI_MAX_BYTES,
  type XiaomiAdapter,
  type XiaomiPayload,
  xiaomi,
} from "./xiaomi-adapter.js";
export { sendXiaomiNotification } from "./xiaomi-send.js";
