import type { NotificationHubClient, SendResult } from "@nhub/core";
import { type WnsPayload, type WnsSendOptions, wns } from "./wns-adapter.js";

const defaultWns = /* @__PURE__ */ wns();

/**
 * Sends a WNS notification (format `windows`) through `client` with a default {@link wns}
 * adapter; nothing needs registering on the client.
 *
 * @param client - a client from `createClient`.
 * @param payload - toast, tile or badge XML; any text or bytes with `type: "raw"`.
 * @param options - core's send options (`tags`, `tagExpression`, `test`, ...) plus the WNS options.
 * @throws PayloadValidationError before anything is sent when the payload or an option is invalid.
 * @example
 * ```ts
 * await sendWindowsNotification(client, '<badge value="3"/>', { tags: "sports" });
 * ```
 */
export function sendWindowsNotification(
  client: Pick<NotificationHubClient, "send">,
  payload: WnsPayload,
  options?: WnsSendOptions,
): Promise<SendResult> {
  return client.send(defaultWns, payload, { ...options });
}
