/**
 * The `diagnostics_channel` contract of `@nhub/core` (types and names only: this module has no
 * Node.js import, so the web build can re-export it).
 */

/**
 * Name of the `TracingChannel` on which core publishes one trace per client operation (a send,
 * a scheduled or direct send, a batch chunk, a `client.request` such as a management call). Its
 * context object is an {@link NhubOperationMessage}; `start` fires before the first attempt,
 * `asyncEnd` (or `error`, then `asyncEnd`) after the last one.
 */
export const OPERATION_CHANNEL = "nhub:operation";

/**
 * Name of the `TracingChannel` on which core publishes one trace per HTTP attempt of an
 * operation (a retried send publishes two or more). Its context object is an
 * {@link NhubRequestMessage}.
 */
export const REQUEST_CHANNEL = "nhub:request";

/**
 * Name of the plain `diagnostics_channel` (not a tracing channel) on which core publishes an
 * {@link NhubThrottleMessage} each time a throttling answer (429, or 403 with `Retry-After`)
 * makes the whole client wait: once per hold of the client-wide throttle gate started or
 * extended, the same moments as the `onThrottle` option.
 */
export const THROTTLE_CHANNEL = "nhub:throttle";

/**
 * The message of the {@link THROTTLE_CHANNEL}: which hub is held back, why and for how long. It
 * carries no token, key, URL, headers or payload.
 */
export interface NhubThrottleMessage {
  /** The notification hub's name. */
  hub: string;
  /** The throttling status: 429, or 403 (a tier's quota, with `Retry-After`). */
  status: number;
  /** How long every request of the client to the hub now waits, in ms. */
  retryAfterMs: number;
}

/**
 * The fields shared by both channels' context objects. URLs never carry the query string (so no
 * `sig`), and no message carries a token, a key, headers or the payload.
 */
export interface NhubTraceFields {
  /** The operation's name, such as `"Send"`, `"Batch send"` or `"GET installations/x"`. */
  operation: string;
  /** The notification hub's name. */
  hub: string;
  /** The notification format (`ServiceBusNotification-Format`) for sends, else undefined. */
  format: string | undefined;
  /** HTTP method, upper case. */
  method: string;
  /** The request URL without its query: `https://ns.servicebus.windows.net/hub/messages`. */
  url: string;
  /** Host name of the service. */
  serverAddress: string;
  /** Port of the service (443 when the URL names none for https, 80 for http). */
  serverPort: number;
  /** HTTP status of the (last) response, once there is one. */
  status?: number | undefined;
  /** The service's `TrackingId` of the (last) response, once there is one. */
  trackingId?: string | undefined;
  /** The notification id (from `Location`) of an accepted send, once known. */
  notificationId?: string | undefined;
  /** The `code` of the error that ended the attempt or operation (`"SERVICE_ERROR"`, ...). */
  errorCode?: string | undefined;
  /** Set by `TracingChannel` when the operation or attempt failed. */
  error?: unknown;
}

/** Context object of the {@link OPERATION_CHANNEL} trace. */
export interface NhubOperationMessage extends NhubTraceFields {
  /** How many HTTP attempts were made so far (1 when the first one succeeded). */
  attempts: number;
  /**
   * For a batch chunk (`"Batch send"`): how many device handles it carries, each one
   * notification. Undefined for every other operation (one notification, or none).
   */
  handles?: number | undefined;
}

/** Context object of the {@link REQUEST_CHANNEL} trace. */
export interface NhubRequestMessage extends NhubTraceFields {
  /** Attempt number, counting from 0 (0 is the first try, 1 the first retry). */
  attempt: number;
  /** The context object of the operation this attempt belongs to. */
  parent: NhubOperationMessage;
}
