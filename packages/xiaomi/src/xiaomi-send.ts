import type { NotificationHubClient, SendOptions, SendResult } from "@nhub/core";
import { type XiaomiPayload, xiaomi } from "./xiaomi-adapter.js";

const defaultXiaomi = /* @__PURE__ */ xiaomi();

/**
 * Sends a Mi Push notification (format `xiaomi`) through `client` with the {@link xiaomi}
 * adapter; nothing needs registering on the client.
 *
 * @param client - a client from `createClient`.
 * @param payload - a JSON object, or its text (sent unchanged).
 * @param options - core's send options (`tags`, `tagExpression`, `test`, ...).
 * @throws PayloadValidationError before anything is sent when the payload is invalid.
 * @example
 * ```ts
 * await sendXiaomiNotification(client, { title: "Goal!", description: "2-1" }, { tags: "sports" });
 * ```
 */
export function sendXiaomiNotification(
  client: Pick<NotificationHubClient, "send">,
  payload: XiaomiPayload | string,
  options?: SendOptions,
): Promise<SendResult> {
  return client.send(defaultXiaomi, payload, { ...options });
}
