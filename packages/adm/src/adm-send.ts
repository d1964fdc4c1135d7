import type { NotificationHubClient, SendOptions, SendResult } from "@nhub/core";
import { type AdmPayload, adm } from "./adm-adapter.js";

const defaultAdm = /* @__PURE__ */ adm();

/**
 * Sends an Amazon Device Messaging notification (format `adm`) through `client` with the
 * {@link adm} adapter; nothing needs registering on the client.
 *
 * @param client - a client from `createClient`.
 * @param payload - `{ data, consolidationKey?, expiresAfter? }`, or its JSON text (sent unchanged).
 * @param options - core's send options (`tags`, `tagExpression`, `test`, ...).
 * @throws PayloadValidationError before anything is sent when the payload is invalid.
 * @example
 * ```ts
 * await sendAdmNotification(client, { data: { title: "Goal!" } }, { tags: "sports" });
 * ```
 */
export function sendAdmNotification(
  client: Pick<NotificationHubClient, "send">,
  payload: AdmPayload | string,
  options?: SendOptions,
): Promise<SendResult> {
  return client.send(defaultAdm, payload, { ...options });
}
