import type { NotificationHubClient, SendResult } from "@nhub/core";
import { type TemplatePayload, type TemplateSendOptions, template } from "./template-adapter.js";

const defaultTemplate = /* @__PURE__ */ template();

/**
 * Sends a template notification (format `template`) through `client` with a default
 * {@link template} adapter; nothing needs registering on the client.
 *
 * @param client - a client from `createClient`.
 * @param payload - the flat object of template properties, or its JSON text.
 * @param options - core's send options; `tags` or `tagExpression` pick the devices.
 * @throws PayloadValidationError before anything is sent when the payload is invalid.
 * @example
 * ```ts
 * await sendTemplateNotification(client, { News_English: "Hello" }, { tags: "world" });
 * ```
 */
export function sendTemplateNotification(
  client: Pick<NotificationHubClient, "send">,
  payload: TemplatePayload,
  options?: TemplateSendOptions,
): Promise<SendResult> {
  return client.send(defaultTemplate, payload, { ...options });
}
