/**
 * Baidu Cloud Push adapter for nhub: format `baidu`.
 * @packageDocumentation
 */
export {
  type BaiduAdapter,
  type BaiduAndroidMessage,
  type BaiduIosMessage,
  type BaiduMessageType,
  type BaiduOptions,
  type BaiduPayload,
  type BaiduSendOptions,
  baidu,
} from "./baidu-adapter.js";
export { sendBaiduNotification } from "./baidu-send.js";
