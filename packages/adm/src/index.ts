/**
 * Amazon Device Messaging (ADM) adapter for nhub: format `adm`.
 * @packageDocumentation
 */
export { type AdmAdapter, type AdmPayload, adm } from "./adm-adapter.js";
export { sendAdmNotification } from "./adm-send.js";
