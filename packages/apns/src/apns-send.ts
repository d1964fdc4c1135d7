import type { NotificationHubClient, SendResult } from "@nhub/core";
import { type ApnsSendOptions, apns } from "./apns-adapter.js";
import type { ApnsPayload } from "./apns-payload.js";

const defaultApns = /* @__PURE__ */ apns();

/**
 * Sends an APNs notification (format `apple`) through `client` with a default {@link apns}
 * adapter; nothing needs registering on the client.
 *
 * @param client - a client from `createClient`.
 * @param payload - an object with an `aps` dictionary, or its JSON text (sent unchanged).
 * @param options - core's send options (`tags`, `tagExpression`, `test`, ...) plus the APNs options.
 * @throws PayloadValidationError before anything is sent when the payload or an option is invalid.
 * @example
 * ```ts
 * await sendAppleNotification(client, { aps: { alert: "Goal!" } }, { tags: "sports", priority: 10 });
 * ```
 */
export function sendAppleNotification(
  client: Pick<NotificationHubClient, "send">,
  payload: ApnsPayload | string,
  options?: ApnsSendOptions,
): Promise<SendResult> {
  return client.send(defaultApns, payload, { ...options });
}
