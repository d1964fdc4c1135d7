import type { NotificationHubClient, SendOptions, SendResult } from "@nhub/core";
import { type BrowserPayload, browser } from "./browser-adapter.js";

const defaultBrowser = /* @__PURE__ */ browser();

/**
 * Sends a Web Push notification (format `browser`) through `client` with the {@link browser}
 * adapter; nothing needs registering on the client.
 *
 * @param client - a client from `createClient`.
 * @param payload - a JSON object, or its text (sent unchanged).
 * @param options - core's send options (`tags`, `tagExpression`, `test`, ...).
 * @throws PayloadValidationError before anything is sent when the payload is invalid.
 * @example
 * ```ts
 * await sendBrowserNotification(client, { title: "Goal!", body: "2-1" }, { tags: "sports" });
 * ```
 */
export function sendBrowserNotification(
  client: Pick<NotificationHubClient, "send">,
  payload: BrowserPayload | string,
  options?: SendOptions,
): Promise<SendResult> {
  return client.send(defaultBrowser, payload, { ...options });
}
