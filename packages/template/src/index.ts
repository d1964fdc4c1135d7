/**
 * Template notification adapter for nhub: format `template`.
 * @packageDocumentation
 */
export {
  TEMPLATE_MAX_BYTES,
  type TemplateAdapter,
  type TemplatePayload,
  type TemplateProperties,
  type TemplateSendOptions,
  template,
} from "./template-adapter.js";
export { sendTemplateNotification } from "./template-send.js";
