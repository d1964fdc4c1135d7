import type { AnyNotificationAdapter } from "./adapter.js";
import type { ThrottleHoldInfo } from "./throttle-gate.js";
import type { DispatcherLike, Transport } from "./transport.js";

/** Retry policy. Sends are only retried where the service cannot have accepted them. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** First backoff delay in ms (doubled each retry, with jitter). Default 500. */
  baseDelayMs?: number;
  /** Longest backoff delay in ms. Default 8000. */
  maxDelayMs?: number;
  /** Longest `Retry-After` honoured, in ms; a longer one fails at once. Default 60000. */
  maxRetryAfterMs?: number;
  /**
   * Also retry sends after a 500, 502, 504, 408, a time-out or a connection lost after the
   * request was written. The service may already have accepted those sends, so a retry can
   * deliver the same push twice. Default false.
   */
  unsafe?: boolean;
}

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** `Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=...` */
  connectionString: string;
  /** The notification hub's name. */
  hubName: string;
  /** Adapters this client knows by format (see `client.register`). */
  adapters?: readonly AnyNotificationAdapter[];
  /** Replaces the default transport entirely. */
  transport?: Transport;
  /** An undici `Dispatcher` (Agent, Pool, ProxyAgent, MockAgent...) for the default Node transport. */
  dispatcher?: DispatcherLike;
  /** Per-request time-out in ms. Default 30000. */
  timeoutMs?: number;
  /** Retry policy; `false` turns retries off. Default `{ maxRetries: 3 }`. */
  retry?: boolean | RetryOptions;
  /**
   * Turn sends into test sends and dump each request and response (secrets redacted) to `logger`.
   * A test send reaches at most 10 devices: to see the exchange of real sends, use `dump`.
   */
  debug?: boolean;
  /**
   * Dump each request and response (secrets redacted) to `logger` without turning sends into
   * test sends: every device is reached, as without it. `debug` implies it.
   */
  dump?: boolean;
  /** Receives each piece of debug text. Default: standard error. */
  logger?: (text: string) => void;
  /** Lifetime of the SAS tokens the client signs, in seconds. Default 3600. */
  tokenTtlSeconds?: number;
  /** Most connections per origin for the default Node transport. Default 64. */
  connections?: number;
  /**
   * Called each time a throttling answer (429, or 403 with `Retry-After`) holds every request
   * of the client to the hub back until `waitMs` has passed.
   */
  onThrottle?: (info: ThrottleHoldInfo) => void;
}

/** Options core understands on every send. Adapter options are merged into the same object. */
export interface SendOptions {
  /** One tag, or several (joined with `||`). An empty collection is refused, never a broadcast. */
  tags?: string | Iterable<string>;
  /** A tag expression such as `(sports && !politics) || $UserId:{alice}`. */
  tagExpression?: string;
  /** Test send: the service reaches at most 10 devices and answers with their outcomes. */
  test?: boolean;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Cancels the send. */
  signal?: AbortSignal;
}

/** One device's outcome of a test send. */
export interface RegistrationResult {
  platform: string;
  pnsHandle: string;
  registrationId: string;
  outcome: string;
}

/** The `NotificationOutcome` body of a test send. */
export interface NotificationOutcome {
  success: number;
  failure: number;
  results: RegistrationResult[];
}

/** What a successful send resolves to. */
export interface SendResult {
  /** The last non-empty path segment of `Location`; undefined when the service sent none. */
  notificationId: string | undefined;
  /** The `Location` header. */
  location: string | undefined;
  /** The `TrackingId` header. */
  trackingId: string | undefined;
  /** The `x-ms-correlation-request-id` header. */
  correlationId: string | undefined;
  /** For a test send: which devices were reached and how. */
  outcome?: NotificationOutcome;
}

/** A low-level request relative to the hub (see `client.request`). */
export interface HubRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
  /**
   * Path below the hub, without a leading `/`, for example `registrations/123`. Percent-encode
   * each segment yourself (`encodeURIComponent`). An empty string addresses the hub itself.
   */
  path: string;
  /** Query parameters; `api-version` is added. An empty string value is sent as a bare flag. */
  query?: Record<string, string | number | undefined>;
  /**
   * Query text appended verbatim after the encoded `query` (no leading `&`), for values that must
   * go back exactly as the service sent them, such as a continuation token.
   */
  rawQuery?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /**
   * Whether repeating the request is harmless. Default: true for GET, HEAD, PUT and DELETE,
   * false for POST and PATCH. Idempotent requests also retry 408, 500, 502, 504 and network errors.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this request. */
  timeoutMs?: number;
}

/** A low-level response (any 2xx status; others throw `ServiceError`). */
export interface HubResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/** A browser (Web Push) subscription, as a direct-send device handle. */
export interface BrowserPushSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** A device handle for a direct send: the PNS handle, or a Web Push subscription. */
export type DeviceHandle = string | BrowserPushSubscription;
