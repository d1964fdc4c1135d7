import { channel, type TracingChannel, tracingChannel } from "node:diagnostics_channel";
import {
  type NhubOperationMessage,
  type NhubRequestMessage,
  type NhubThrottleMessage,
  OPERATION_CHANNEL,
  REQUEST_CHANNEL,
  THROTTLE_CHANNEL,
} from "./diagnostics-types.js";
import { notificationIdFromLocation } from "./service-response.js";
import type { ThrottleHoldInfo } from "./throttle-gate.js";
import type { TransportRequest, TransportResponse } from "./transport.js";

/**
 * Publishes operations and attempts on `diagnostics_channel` (Node.js build only; the web build
 * has no tracer and publishes nothing). Every method is cheap to skip: callers check
 * {@link Tracer.active} first and build no message when nobody subscribes.
 */
export interface Tracer {
  /** Whether anyone subscribes to either channel. */
  active(): boolean;
  /** Builds the operation message for `request`. */
  message(
    operation: string,
    hub: string,
    request: TransportRequest,
    handles?: number,
  ): NhubOperationMessage;
  /** Runs the whole operation `fn` as one `nhub:operation` trace. */
  operation<T>(message: NhubOperationMessage, fn: () => Promise<T>): Promise<T>;
  /** Runs one attempt `fn` as one `nhub:request` trace. */
  attempt(
    parent: NhubOperationMessage,
    attempt: number,
    fn: () => Promise<TransportResponse>,
  ): Promise<TransportResponse>;
  /**
   * The throttle gate's `onHold`: publishes each hold on `nhub:throttle` (when anyone
   * subscribes), then calls `next` (the client's `onThrottle`).
   */
  onHold(next: ((info: ThrottleHoldInfo) => void) | undefined): (info: ThrottleHoldInfo) => void;
}

type Channel<M extends object> = TracingChannel<unknown, M>;

function record(target: NhubOperationMessage | NhubRequestMessage, response: TransportResponse) {
  target.status = response.status;
  target.trackingId = response.headers.trackingid;
  const id = response.status < 300 ? notificationIdFromLocation(response.headers.location) : "";
  if (id) target.notificationId = id;
}

function recordError(target: NhubOperationMessage | NhubRequestMessage, error: unknown) {
  const e = error as { code?: unknown; statusCode?: unknown; trackingId?: unknown };
  if (typeof e?.code === "string") target.errorCode = e.code;
  if (typeof e?.statusCode === "number") target.status = e.statusCode;
  if (typeof e?.trackingId === "string") target.trackingId = e.trackingId;
}

/**
 * Creates the Node.js tracer on the `nhub:operation` and `nhub:request` tracing channels and the
 * `nhub:throttle` channel.
 */
export function createNodeTracer(): Tracer {
  const operations = tracingChannel(OPERATION_CHANNEL) as unknown as Channel<NhubOperationMessage>;
  const requests = tracingChannel(REQUEST_CHANNEL) as unknown as Channel<NhubRequestMessage>;
  const throttles = channel(THROTTLE_CHANNEL);
  return {
    onHold: (next) => (info) => {
      if (throttles.hasSubscribers) {
        const { hub, status, waitMs: retryAfterMs } = info;
        throttles.publish({ hub, status, retryAfterMs } satisfies NhubThrottleMessage);
      }
      next?.(info);
    },
    active: () => operations.hasSubscribers || requests.hasSubscribers,
    message(operation, hub, request, handles) {
      const url = new URL(request.url);
      const https = url.protocol === "https:";
      const message: NhubOperationMessage = {
        operation,
        hub,
        format: request.headers["ServiceBusNotification-Format"],
        method: request.method,
        url: url.origin + url.pathname,
        serverAddress: url.hostname,
        serverPort: url.port ? Number(url.port) : https ? 443 : 80,
        attempts: 0,
      };
      if (handles !== undefined) message.handles = handles;
      return message;
    },
    async operation(message, fn) {
      // The traced function resolves to nothing, so `message.result` never holds a response.
      let result!: Awaited<ReturnType<typeof fn>>;
      await operations.tracePromise(async () => {
        try {
          result = await fn();
        } catch (error) {
          recordError(message, error);
          throw error;
        }
      }, message);
      return result;
    },
    async attempt(parent, attempt, fn) {
      parent.attempts = attempt + 1;
      const message: NhubRequestMessage = {
        operation: parent.operation,
        hub: parent.hub,
        format: parent.format,
        method: parent.method,
        url: parent.url,
        serverAddress: parent.serverAddress,
        serverPort: parent.serverPort,
        attempt,
        parent,
      };
      let response!: TransportResponse;
      await requests.tracePromise(async () => {
        try {
          response = await fn();
        } catch (error) {
          recordError(message, error);
          throw error;
        }
        record(message, response);
        record(parent, response);
      }, message);
      return response;
    },
  };
}
