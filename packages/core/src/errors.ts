const BRAND = Symbol.for("nhub.error");

/** Stable codes carried by every error nhub throws. */
export type NotificationHubsErrorCode =
  | "INVALID_CONNECTION_STRING"
  | "INVALID_TAG_EXPRESSION"
  | "INVALID_PAYLOAD"
  | "INVALID_ARGUMENT"
  | "UNKNOWN_FORMAT"
  | "INVALID_ADAPTER"
  | "TIMEOUT"
  | "ABORTED"
  | "NETWORK_ERROR"
  | "SERVICE_ERROR"
  | "INVALID_RESPONSE"
  | "CLIENT_CLOSED"
  | "THROTTLED"
  | (string & {});

/** Options shared by every nhub error. */
export interface NotificationHubsErrorOptions {
  cause?: unknown;
  /** Whether repeating the same operation later may succeed. */
  isRetryable?: boolean;
}

/**
 * Base class of every error nhub throws. Check with `NotificationHubsError.isInstance(e)`
 * (works across duplicate installs) and branch on the stable `code`.
 */
export class NotificationHubsError extends Error {
  /** A stable, machine-readable code such as `INVALID_TAG_EXPRESSION`. */
  readonly code: NotificationHubsErrorCode;
  /** Whether repeating the same operation later may succeed. */
  readonly isRetryable: boolean;

  constructor(
    code: NotificationHubsErrorCode,
    message: string,
    options?: NotificationHubsErrorOptions,
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "NotificationHubsError";
    this.code = code;
    this.isRetryable = options?.isRetryable ?? false;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** True for any nhub error, even one thrown by another copy of this package. */
  static isInstance(value: unknown): value is NotificationHubsError {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[BRAND] === true
    );
  }
}

function hasCode(value: unknown, code: string): boolean {
  return NotificationHubsError.isInstance(value) && value.code === code;
}

/** The connection string is missing a part, is malformed, or is not a connection string. */
export class ConnectionStringError extends NotificationHubsError {
  declare readonly code: "INVALID_CONNECTION_STRING";
  constructor(message: string, options?: NotificationHubsErrorOptions) {
    super("INVALID_CONNECTION_STRING", message, options);
    this.name = "ConnectionStringError";
  }
  static override isInstance(value: unknown): value is ConnectionStringError {
    return hasCode(value, "INVALID_CONNECTION_STRING");
  }
}

/** A tag or tag expression breaks the service's grammar or limits. */
export class TagExpressionError extends NotificationHubsError {
  declare readonly code: "INVALID_TAG_EXPRESSION";
  constructor(message: string, options?: NotificationHubsErrorOptions) {
    super("INVALID_TAG_EXPRESSION", message, options);
    this.name = "TagExpressionError";
  }
  static override isInstance(value: unknown): value is TagExpressionError {
    return hasCode(value, "INVALID_TAG_EXPRESSION");
  }
}

/** An adapter refused a payload or a per-send option. */
export class PayloadValidationError extends NotificationHubsError {
  declare readonly code: "INVALID_PAYLOAD";
  constructor(message: string, options?: NotificationHubsErrorOptions) {
    super("INVALID_PAYLOAD", message, options);
    this.name = "PayloadValidationError";
  }
  static override isInstance(value: unknown): value is PayloadValidationError {
    return hasCode(value, "INVALID_PAYLOAD");
  }
}

/** A format string was given that no adapter on this client handles. */
export class UnknownFormatError extends NotificationHubsError {
  declare readonly code: "UNKNOWN_FORMAT";
  constructor(message: string, options?: NotificationHubsErrorOptions) {
    super("UNKNOWN_FORMAT", message, options);
    this.name = "UnknownFormatError";
  }
  static override isInstance(value: unknown): value is UnknownFormatError {
    return hasCode(value, "UNKNOWN_FORMAT");
  }
}

/** An adapter object does not satisfy the adapter contract. */
export class InvalidAdapterError extends NotificationHubsError {
  declare readonly code: "INVALID_ADAPTER";
  constructor(message: string, options?: NotificationHubsErrorOptions) {
    super("INVALID_ADAPTER", message, options);
    this.name = "InvalidAdapterError";
  }
  static override isInstance(value: unknown): value is InvalidAdapterError {
    return hasCode(value, "INVALID_ADAPTER");
  }
}

/** An argument (other than payloads, tags and connection strings) is invalid. */
export class InvalidArgumentError extends NotificationHubsError {
  declare readonly code: "INVALID_ARGUMENT";
  constructor(message: string, options?: NotificationHubsErrorOptions) {
    super("INVALID_ARGUMENT", message, options);
    this.name = "InvalidArgumentError";
  }
  static override isInstance(value: unknown): value is InvalidArgumentError {
    return hasCode(value, "INVALID_ARGUMENT");
  }
}

/** The request did not complete within `timeoutMs`. It may have reached the service. */
export class TimeoutError extends NotificationHubsError {
  declare readonly code: "TIMEOUT";
  constructor(message: string, options?: NotificationHubsErrorOptions) {
    super("TIMEOUT", message, options);
    this.name = "TimeoutError";
  }
  static override isInstance(value: unknown): value is TimeoutError {
    return hasCode(value, "TIMEOUT");
  }
}

/** Options of an {@link AbortError} or a {@link ClientClosedError}. */
export interface StoppedErrorOptions extends NotificationHubsErrorOptions {
  /**
   * True when the request may have reached the service before it was stopped (it was being sent
   * or answered, or an earlier attempt's outcome is unknown), so it may have been accepted.
   * Default false: nothing of it can have been accepted.
   */
  requestSent?: boolean;
}

/** The caller's `AbortSignal` fired. */
export class AbortError extends NotificationHubsError {
  declare readonly code: "ABORTED";
  /**
   * True when the request may have reached the service before the abort (it may have been
   * accepted); false when nothing of it was sent (aborted before, or while waiting to retry).
   */
  readonly requestSent: boolean;
  constructor(message: string, options?: StoppedErrorOptions) {
    super("ABORTED", message, options);
    this.name = "AbortError";
    this.requestSent = options?.requestSent ?? false;
  }
  static override isInstance(value: unknown): value is AbortError {
    return hasCode(value, "ABORTED");
  }
}

/** Options of a {@link NetworkError}. */
export interface NetworkErrorOptions extends NotificationHubsErrorOptions {
  /** False only when the request certainly never left this process (connect failed). */
  requestSent: boolean;
}

/** The connection failed. `requestSent` says whether the service may have received the request. */
export class NetworkError extends NotificationHubsError {
  declare readonly code: "NETWORK_ERROR";
  /** False only when the request certainly never reached the service. */
  readonly requestSent: boolean;
  constructor(message: string, options: NetworkErrorOptions) {
    super("NETWORK_ERROR", message, {
      ...options,
      isRetryable: options.isRetryable ?? !options.requestSent,
    });
    this.name = "NetworkError";
    this.requestSent = options.requestSent;
  }
  static override isInstance(value: unknown): value is NetworkError {
    return hasCode(value, "NETWORK_ERROR");
  }
}

/** Fields of a {@link ServiceError}. */
export interface ServiceErrorOptions extends NotificationHubsErrorOptions {
  statusCode: number;
  detail?: string | undefined;
  trackingId?: string | undefined;
  correlationId?: string | undefined;
  retryAfterMs?: number | undefined;
  /** The response body as text (never contains request secrets). */
  body?: string | undefined;
}

/** The service answered with a non-success status. */
export class ServiceError extends NotificationHubsError {
  declare readonly code: "SERVICE_ERROR";
  /** HTTP status code of the response. */
  readonly statusCode: number;
  /** Text of the `<Detail>` element of the error body, when present. */
  readonly detail: string | undefined;
  /** The `TrackingId` response header, to quote to Azure support. */
  readonly trackingId: string | undefined;
  /** The `x-ms-correlation-request-id` response header. */
  readonly correlationId: string | undefined;
  /** How long the service asked to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The raw response body. */
  readonly body: string | undefined;
  constructor(message: string, options: ServiceErrorOptions) {
    const retryable =
      options.isRetryable ??
      (options.statusCode === 429 ||
        options.statusCode === 503 ||
        (options.statusCode === 403 && options.retryAfterMs !== undefined));
    super("SERVICE_ERROR", message, { ...options, isRetryable: retryable });
    this.name = "ServiceError";
    this.statusCode = options.statusCode;
    this.detail = options.detail;
    this.trackingId = options.trackingId;
    this.correlationId = options.correlationId;
    this.retryAfterMs = options.retryAfterMs;
    this.body = options.body;
  }
  static override isInstance(value: unknown): value is ServiceError {
    return hasCode(value, "SERVICE_ERROR");
  }
}

/** A send was started on a client after `client.close()`, or was aborted by it at the deadline. */
export class ClientClosedError extends NotificationHubsError {
  declare readonly code: "CLIENT_CLOSED";
  /**
   * True when `close()` aborted the request after it may have reached the service (it may have
   * been accepted); false when it was refused or aborted before anything of it was sent.
   */
  readonly requestSent: boolean;
  constructor(message: string, options?: StoppedErrorOptions) {
    super("CLIENT_CLOSED", message, options);
    this.name = "ClientClosedError";
    this.requestSent = options?.requestSent ?? false;
  }
  static override isInstance(value: unknown): value is ClientClosedError {
    return hasCode(value, "CLIENT_CLOSED");
  }
}

/** Fields of a {@link ThrottledError}. */
export interface ThrottledErrorOptions extends NotificationHubsErrorOptions {
  /** The hub held back. */
  hub: string;
  /** The status of the answer that started the hold: 429, or 403 (a tier's quota). */
  statusCode: number;
  /** How long the hold still lasts, in ms: retry after that. */
  retryAfterMs: number;
  /** True only when an earlier attempt (retried with `retry.unsafe`) may have been accepted. */
  requestSent?: boolean;
}

/**
 * The request was not sent: a throttling answer (429, or 403 with `Retry-After`) to another
 * request holds every request of the client to the hub back for longer than this one may wait
 * (`retry.maxRetryAfterMs`). Nothing reached the service; retry after `retryAfterMs`.
 */
export class ThrottledError extends NotificationHubsError {
  declare readonly code: "THROTTLED";
  readonly hub: string;
  readonly statusCode: number;
  readonly retryAfterMs: number;
  /**
   * False: this attempt was refused before any byte was sent (true only when an earlier attempt,
   * retried with `retry.unsafe`, may have been accepted).
   */
  readonly requestSent: boolean;
  constructor(message: string, options: ThrottledErrorOptions) {
    super("THROTTLED", message, { ...options, isRetryable: true });
    this.name = "ThrottledError";
    this.requestSent = options.requestSent ?? false;
    this.hub = options.hub;
    this.statusCode = options.statusCode;
    this.retryAfterMs = options.retryAfterMs;
  }
  static override isInstance(value: unknown): value is ThrottledError {
    return hasCode(value, "THROTTLED");
  }
}
