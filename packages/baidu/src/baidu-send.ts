import type { NotificationHubClient, SendResult } from "@nhub/core";
import { type BaiduPayload, type BaiduSendOptions, baidu } from "./baidu-adapter.js";

const defaultBaidu = /* @__PURE__ */ baidu();

/**
 * Sends a Baidu Cloud Push notification (format `baidu`) through `client` with a default
 * {@link baidu} adapter; nothing needs registering on the client.
 *
 * @param client - a client from `createClient`.
 * @param payload - a JSON object, or its text (sent unchanged).
 * @param options - core's send options (`tags`, `tagExpression`, `test`, ...) plus `messageType`.
 * @throws PayloadValidationError before anything is sent when the payload or an option is invalid.
 * @example
 * ```ts
 * await sendBaiduNotification(client, { title: "Goal!", description: "2-1" }, { messageType: 1 });
 * ```
 */
export function sendBaiduNotification(
  client: Pick<NotificationHubClient, "send">,
  payload: BaiduPayload,
  options?: BaiduSendOptions,
): Promise<SendResult> {
  return client.send(defaultBaidu, payload, { ...options });
}
