export {
  ADAPTER_SPECIFICATION_VERSION,
  type AdapterOptions,
  type AdapterPayload,
  type AnyNotificationAdapter,
  assertAdapter,
  type NotificationAdapter,
  type PreparedNotification,
} from "./adapter.js";
export {
  BATCH_BOUNDARY,
  type BatchRequestOutcome,
  type BatchSendOptions,
  type BatchSendResult,
  buildBatchBody,
  type CampaignResult,
  MAX_BATCH_HANDLES,
  sendBatch,
} from "./batch-send.js";
export type { ChunkSettled, FailedChunk } from "./campaign.js";
export { NotificationHubClient } from "./client.js";
export type { CloseOptions, CloseResult } from "./client-lifecycle.js";
export type * from "./client-types.js";
export * from "./connection-string.js";
export { redactSecrets } from "./debug-dump.js";
export * from "./diagnostics-types.js";
export { formatScheduleTime, scheduleSend, sendDirect } from "./direct-send.js";
export * from "./errors.js";
export type { DeviceHandleSource } from "./handle-chunks.js";
export { cancelScheduled, getFeedbackContainerUrl } from "./hub-operations.js";
export { API_VERSION } from "./hub-request.js";
export { parseNotificationOutcome } from "./outcome.js";
export {
  getNotificationOutcomeDetails,
  type NotificationOutcomeDetails,
  type OutcomeCounts,
  type OutcomeDetailsOptions,
  parseNotificationOutcomeDetails,
} from "./outcome-details.js";
export { describeValue, isJsonObject, readJsonPayload, utf8ByteLength } from "./payload-kit.js";
export { mayHaveBeenAccepted } from "./retry.js";
export type { SasTokenOptions } from "./sas-token.js";
export { type ExecuteOptions, type PreparedSend, SendClient } from "./send-client.js";
export { notificationIdFromLocation, parseRetryAfter } from "./service-response.js";
export * from "./tag-expression.js";
export {
  isThrottlingError,
  ThrottleGate,
  type ThrottleGateOptions,
  type ThrottleHoldInfo,
} from "./throttle-gate.js";
export type * from "./transport.js";
export { type XmlOutline, type XmlStartTag, xmlOutline } from "./xml-outline.js";
