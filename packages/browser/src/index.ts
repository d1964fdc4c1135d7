/**
 * Web Push (browser) adapter for nhub: format `browser`.
 * @packageDocumentation
 */
export {
  BROWSER_MAX_BYTES,
  type BrowserAdapter,
  type BrowserNotificationAction,
  type BrowserPayload,
  browser,
} from "./browser-adapter.js";
export { sendBrowserNotification } from "./browser-send.js";
