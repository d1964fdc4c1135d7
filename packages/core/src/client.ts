import type { AdapterOptions, AdapterPayload, AnyNotificationAdapter } from "./adapter.js";
import {
  type BatchSendOptions,
  type BatchSendResult,
  type CampaignResult,
  sendBatch,
} from "./batch-send.js";
import type { DeviceHandle, SendOptions, SendResult } from "./client-types.js";
import { scheduleSend, sendDirect } from "./direct-send.js";
import type { DeviceHandleSource } from "./handle-chunks.js";
import { cancelScheduled, getFeedbackContainerUrl } from "./hub-operations.js";
import {
  getNotificationOutcomeDetails,
  type NotificationOutcomeDetails,
  type OutcomeDetailsOptions,
} from "./outcome-details.js";
import { SendClient } from "./send-client.js";

export { API_VERSION } from "./hub-request.js";
export type { PreparedSend } from "./send-client.js";

/**
 * A client for one notification hub with every operation as a method. Create it with
 * `createClient`. It is a {@link SendClient} (send, request, register, close) plus the methods
 * below, each also available as a standalone function for bundles that want only some of them.
 */
export class NotificationHubClient extends SendClient {
  /**
   * Sends to one device by its PNS handle (`POST .../messages?direct`). For the `browser`
   * format the handle is the push subscription `{ endpoint, p256dh, auth }`.
   */
  sendDirect<A extends AnyNotificationAdapter>(
    target: A,
    payload: AdapterPayload<A>,
    deviceHandle: DeviceHandle,
    options?: SendOptions & AdapterOptions<A>,
  ): Promise<SendResult>;
  sendDirect(
    target: string,
    payload: unknown,
    deviceHandle: DeviceHandle,
    options?: SendOptions & object,
  ): Promise<SendResult>;
  sendDirect(
    target: string | AnyNotificationAdapter,
    payload: unknown,
    deviceHandle: DeviceHandle,
    options?: SendOptions & Record<string, unknown>,
  ): Promise<SendResult> {
    return sendDirect(this, target, payload, deviceHandle, options);
  }

  /**
   * Sends one notification to many device handles: requests of at most 1000 handles (see
   * `batchSize`), a bounded number in flight. One failed request never hides the others: the
   * result lists every request with its handles and its result or error. Any other iterable
   * or async iterable (a file read line by line) is read lazily, one chunk at a time, and
   * resolves to a summary ({@link CampaignResult}); `onChunk` and `startAt` make it resumable.
   */
  sendBatch<A extends AnyNotificationAdapter>(
    target: A,
    payload: AdapterPayload<A>,
    deviceHandles: readonly string[],
    options?: BatchSendOptions & AdapterOptions<A>,
  ): Promise<BatchSendResult>;
  sendBatch(
    target: string,
    payload: unknown,
    deviceHandles: readonly string[],
    options?: BatchSendOptions & object,
  ): Promise<BatchSendResult>;
  sendBatch<A extends AnyNotificationAdapter>(
    target: A,
    payload: AdapterPayload<A>,
    deviceHandles: DeviceHandleSource,
    options?: BatchSendOptions & AdapterOptions<A>,
  ): Promise<CampaignResult>;
  sendBatch(
    target: string,
    payload: unknown,
    deviceHandles: DeviceHandleSource,
    options?: BatchSendOptions & object,
  ): Promise<CampaignResult>;
  sendBatch(
    target: string | AnyNotificationAdapter,
    payload: unknown,
    deviceHandles: DeviceHandleSource,
    options?: BatchSendOptions & Record<string, unknown>,
  ): Promise<BatchSendResult | CampaignResult> {
    return sendBatch(this, target, payload, deviceHandles, options);
  }

  /** Schedules a notification for `scheduledTime` (a `Date` or an ISO-8601 string; sent as UTC). */
  scheduleSend<A extends AnyNotificationAdapter>(
    target: A,
    payload: AdapterPayload<A>,
    scheduledTime: Date | string,
    options?: SendOptions & AdapterOptions<A>,
  ): Promise<SendResult>;
  scheduleSend(
    target: string,
    payload: unknown,
    scheduledTime: Date | string,
    options?: SendOptions & object,
  ): Promise<SendResult>;
  scheduleSend(
    target: string | AnyNotificationAdapter,
    payload: unknown,
    scheduledTime: Date | string,
    options?: SendOptions & Record<string, unknown>,
  ): Promise<SendResult> {
    return scheduleSend(this, target, payload, scheduledTime, options);
  }

  /** Cancels a scheduled notification by the id `scheduleSend` resolved to. */
  cancelScheduled(notificationId: string, options?: { signal?: AbortSignal }): Promise<void> {
    return cancelScheduled(this, notificationId, options);
  }

  /**
   * What the hub did with a notification (Standard tier). A 404 means the details are not ready
   * yet; pass `waitMs` to poll until they are.
   */
  getNotificationOutcomeDetails(
    notificationId: string,
    options?: OutcomeDetailsOptions,
  ): Promise<NotificationOutcomeDetails> {
    return getNotificationOutcomeDetails(this, notificationId, options);
  }

  /** The SAS URL of the blob container where the hub writes PNS feedback. */
  getFeedbackContainerUrl(options?: { signal?: AbortSignal }): Promise<string> {
    return getFeedbackContainerUrl(this, options);
  }
}
