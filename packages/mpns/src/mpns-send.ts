import type { NotificationHubClient, SendResult } from "@nhub/core";
import { type MpnsPayload, type MpnsSendOptions, mpns } from "./mpns-adapter.js";

const defaultMpns = /* @__PURE__ */ mpns();

/**
 * Sends an MPNS notification (format `windowsphone`) through `client` with a default
 * {@link mpns} adapter; nothing needs registering on the client. MPNS is retired: this is for
 * hubs that still serve old Windows Phone apps.
 *
 * @param client - a client from `createClient`.
 * @param payload - `<wp:Notification>` XML holding a `<wp:Toast>` or `<wp:Tile>`; any text or bytes with `type: "raw"`.
 * @param options - core's send options (`tags`, `tagExpression`, `test`, ...) plus the MPNS options.
 * @throws PayloadValidationError before anything is sent when the payload or an option is invalid.
 */
export function sendMpnsNotification(
  client: Pick<NotificationHubClient, "send">,
  payload: MpnsPayload,
  options?: MpnsSendOptions,
): Promise<SendResult> {
  return client.send(defaultMpns, payload, { ...options });
}
