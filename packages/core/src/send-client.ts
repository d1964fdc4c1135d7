import {
  type AdapterOptions,
  type AdapterPayload,
  type AnyNotificationAdapter,
  assertAdapter,
} from "./adapter.js";
import {
  type CloseOptions,
  type CloseResult,
  RequestTracker,
  stoppedError,
} from "./client-lifecycle.js";
import { resolveClientSettings } from "./client-settings.js";
import type {
  ClientOptions,
  HubRequest,
  HubResponse,
  SendOptions,
  SendResult,
} from "./client-types.js";
import { formatDebugDump } from "./debug-dump.js";
import type { NhubOperationMessage } from "./diagnostics-types.js";
import {
  InvalidAdapterError,
  InvalidArgumentError,
  NetworkError,
  NotificationHubsError,
  TagExpressionError,
  UnknownFormatError,
} from "./errors.js";
import { API_VERSION, hubRequestPath, QUERY } from "./hub-request.js";
import { parseNotificationOutcome } from "./outcome.js";
import type { Platform } from "./platform.js";
import {
  mayHaveBeenAccepted,
  type RetryPolicy,
  resolveRetryPolicy,
  retryDelayMs,
  sleep,
} from "./retry.js";
import { TokenCache } from "./sas-token.js";
import { notificationIdFromLocation, toServiceError } from "./service-response.js";
import { parseTagExpression, tagsToExpression } from "./tag-expression.js";
import { isThrottlingError, ThrottleGate } from "./throttle-gate.js";
import type { Transport, TransportRequest, TransportResponse } from "./transport.js";

declare const __NHUB_VERSION__: string;

/** Headers and body of one notification, ready for the wire (before signing). */
export interface PreparedSend {
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/** What `SendClient.execute` (internal) needs besides the request itself. */
export interface ExecuteOptions {
  idempotent: boolean;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  operation: string;
  /** Device handles the request carries (a batch chunk), for diagnostics. */
  handles?: number | undefined;
  /** Called as each HTTP attempt is handed to the transport (retries included). */
  onAttempt?: (() => void) | undefined;
}

/**
 * The send-only client for one notification hub: `send`, `request`, `register` and `close`.
 * Create it with `createSendClient` when bundle size matters (an edge worker that only sends);
 * the other operations are standalone functions that take it (`sendDirect(client, ...)`,
 * `sendBatch(client, ...)`, ...). `createClient` returns a {@link NotificationHubClient}, the same
 * client with those operations as methods. Nothing is global: adapters, the cached token and the
 * connections belong to the instance.
 */
export class SendClient {
  /** The hub this client sends to. */
  readonly hubName: string;
  /** The namespace endpoint, ending in `/` (never contains the key). */
  readonly endpoint: string;
  readonly #adapters = new Map<string, AnyNotificationAdapter>();
  readonly #transport: Transport;
  readonly #ownsTransport: boolean;
  readonly #token: TokenCache;
  readonly #origin: string;
  readonly #hubPath: string;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #debug: boolean;
  readonly #dump: boolean;
  readonly #logger: (text: string) => void;
  readonly #baseHeaders: Record<string, string>;
  readonly #tracker = new RequestTracker();
  /** @internal The client-wide throttling hold (see `ThrottleGate`). */
  readonly throttle: ThrottleGate;
  readonly #tracer: Platform["tracer"];
  #closing: Promise<CloseResult> | undefined;
  #lastExpression: string | undefined;
  #lastExpressionText = "";

  /** @internal Use `createClient(options)` or `createSendClient(options)`. */
  constructor(options: ClientOptions, platform: Platform) {
    const { endpoint, keyName, key, hub, timeoutMs, ttl, logger } = resolveClientSettings(
      options,
      platform,
    );
    this.hubName = hub;
    this.endpoint = endpoint;
    const url = new URL(endpoint);
    this.#origin = url.origin;
    this.#hubPath = `${url.pathname}${encodeURIComponent(hub)}/`;
    this.#token = new TokenCache(
      platform.hmac,
      `${endpoint}${encodeURIComponent(hub)}`,
      keyName,
      key,
      ttl,
    );
    this.#timeoutMs = timeoutMs;
    this.#retry = resolveRetryPolicy(options.retry);
    this.#debug = options.debug === true;
    this.#dump = this.#debug || options.dump === true;
    this.#logger = logger;
    this.#tracer = platform.tracer;
    platform.allowManyListeners?.(this.#tracker.signal);
    this.#ownsTransport = !options.transport;
    this.#transport =
      options.transport ??
      platform.createTransport({
        dispatcher: options.dispatcher,
        connections: options.connections ?? 64,
      });
    const version = typeof __NHUB_VERSION__ === "string" ? __NHUB_VERSION__ : "0.0.0";
    this.#baseHeaders = { "User-Agent": `nhub/${version}`, "x-ms-version": API_VERSION };
    const onHold = platform.tracer?.onHold(options.onThrottle) ?? options.onThrottle;
    this.throttle = new ThrottleGate(onHold ? { onHold } : {});
    for (const adapter of options.adapters ?? []) this.register(adapter);
  }

  /** True once `close()` was called: new sends reject with `ClientClosedError`. */
  get closed(): boolean {
    return this.#tracker.closed;
  }

  /** Adds an adapter to this client (replacing one with the same format). Returns the client. */
  register(adapter: AnyNotificationAdapter): this {
    const checked = assertAdapter(adapter);
    this.#adapters.set(checked.format, checked);
    return this;
  }

  /** The formats this client has adapters for. */
  get formats(): string[] {
    return [...this.#adapters.keys()];
  }

  /**
   * Sends a notification to every device of the format's platform, or to the devices whose tags
   * match `options.tags` / `options.tagExpression`. Resolves once the hub accepted it.
   *
   * @param target - a format registered on this client (`"windows"`) or an adapter object.
   */
  send<A extends AnyNotificationAdapter>(
    target: A,
    payload: AdapterPayload<A>,
    options?: SendOptions & AdapterOptions<A>,
  ): Promise<SendResult>;
  send(target: string, payload: unknown, options?: SendOptions & object): Promise<SendResult>;
  async send(
    target: string | AnyNotificationAdapter,
    payload: unknown,
    options: SendOptions & Record<string, unknown> = {},
  ): Promise<SendResult> {
    const prepared = this.prepare(target, payload, options);
    const test = options.test === true || this.#debug;
    const res = await this.execute(
      "POST",
      test ? `messages${QUERY}&test=true` : `messages${QUERY}`,
      prepared.headers,
      prepared.body,
      { idempotent: false, signal: options.signal, operation: "Send" },
    );
    return this.toSendResult(res, test);
  }

  /**
   * Sends any request below the hub, signed, with time-outs, retries, `ServiceError`s and the
   * debug dump exactly as for sends. For operations nhub does not wrap (management uses it).
   */
  async request(request: HubRequest): Promise<HubResponse> {
    const { method, path } = hubRequestPath(request);
    return this.execute(method, path, { ...request.headers }, request.body, {
      idempotent: request.idempotent ?? (method !== "POST" && method !== "PATCH"),
      signal: request.signal,
      timeoutMs: request.timeoutMs,
      operation: `${method} ${request.path}`,
    });
  }

  /**
   * Graceful shutdown: new sends reject at once with `ClientClosedError` (code `CLIENT_CLOSED`),
   * the ones in flight get up to `deadlineMs` (default 30000) to finish, then the rest are aborted
   * (a batch campaign stops at a chunk boundary). Then the client's own connections are released.
   * Calling it again returns the same result (the first call's deadline applies).
   */
  async close(options: CloseOptions = {}): Promise<CloseResult> {
    const deadlineMs = options.deadlineMs ?? 30_000;
    if (!(deadlineMs >= 0)) {
      throw new InvalidArgumentError(
        `client.close: deadlineMs must be a number of ms, 0 or more; got ${deadlineMs}.`,
      );
    }
    this.#closing ??= this.#close(deadlineMs);
    return this.#closing;
  }

  async #close(deadlineMs: number): Promise<CloseResult> {
    const result = await this.#tracker.close(deadlineMs);
    if (this.#ownsTransport) await this.#transport.close?.();
    return result;
  }

  /**
   * @internal Step 1 of every send: resolve the adapter, validate and serialize the payload,
   * validate tags, and build the notification headers.
   */
  prepare(
    target: string | AnyNotificationAdapter,
    payload: unknown,
    options: SendOptions & Record<string, unknown>,
  ): PreparedSend {
    const adapter = typeof target === "string" ? this.#adapters.get(target) : assertAdapter(target);
    if (!adapter) {
      throw new UnknownFormatError(
        `No adapter for format "${target}" on this client (it has: ${this.formats.join(", ") || "none"}). Register one (client.register(wns())) or pass the adapter itself.`,
      );
    }
    const format = adapter.format;
    const prepared = adapter.prepare(payload, options);
    const body = prepared?.body;
    const contentType = prepared?.contentType;
    if (
      typeof contentType !== "string" ||
      !(typeof body === "string" || body instanceof Uint8Array)
    ) {
      throw new InvalidAdapterError(
        `Adapter for format "${format}" returned no { body, contentType } from prepare().`,
      );
    }
    // One fresh object per send: execute() adds the base headers and the token to it. A loop,
    // not object spread: spreading the adapter's headers cost ~4 µs per send (measured).
    const headers: Record<string, string> = {};
    const extra = prepared.headers;
    for (const name in extra) headers[name] = extra[name] as string;
    if (options.headers) Object.assign(headers, options.headers);
    headers["Content-Type"] = contentType;
    headers["ServiceBusNotification-Format"] = format;
    const { tags, tagExpression } = options;
    if (tags !== undefined) {
      if (tagExpression !== undefined) {
        throw new TagExpressionError("Pass either tags or tagExpression, not both.");
      }
      headers["ServiceBusNotification-Tags"] = tagsToExpression(tags);
    } else if (tagExpression !== undefined) {
      // Most senders reuse the same few expressions: remember the last one.
      if (tagExpression !== this.#lastExpression) {
        this.#lastExpressionText = parseTagExpression(tagExpression).text;
        this.#lastExpression = tagExpression;
      }
      headers["ServiceBusNotification-Tags"] = this.#lastExpressionText;
    }
    return { headers, body };
  }

  /**
   * @internal Step 2: sign, send, retry where safe, dump when debugging. Takes ownership of
   * `headers` (callers pass a fresh object).
   */
  async execute(
    method: string,
    pathAndQuery: string,
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
    options: ExecuteOptions,
  ): Promise<TransportResponse> {
    const tracker = this.#tracker;
    tracker.begin(options.operation);
    try {
      return await this.#execute(method, pathAndQuery, headers, body, options, tracker.signal);
    } finally {
      tracker.end();
    }
  }

  async #execute(
    method: string,
    pathAndQuery: string,
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
    options: ExecuteOptions,
    closing: AbortSignal,
  ): Promise<TransportResponse> {
    const signal = options.signal ? AbortSignal.any([options.signal, closing]) : closing;
    const path = this.#hubPath + pathAndQuery;
    for (const name in this.#baseHeaders) headers[name] ??= this.#baseHeaders[name] as string;
    const request: TransportRequest = {
      method,
      url: this.#origin + path,
      origin: this.#origin,
      path,
      headers,
      body,
      timeoutMs: options.timeoutMs ?? this.#timeoutMs,
      signal,
    };
    const tracer = this.#tracer;
    if (tracer?.active()) {
      const message = tracer.message(options.operation, this.hubName, request, options.handles);
      return tracer.operation(message, () => this.#attempts(request, options, message, closing));
    }
    return this.#attempts(request, options, undefined, closing);
  }

  async #attempts(
    request: TransportRequest,
    options: ExecuteOptions,
    traced: NhubOperationMessage | undefined,
    closing: AbortSignal,
  ): Promise<TransportResponse> {
    const headers = request.headers;
    const signal = request.signal;
    // True once an attempt may have reached the service with no answer refusing it: an abort
    // after that says `requestSent`, so the caller knows the send may have been accepted.
    let outstanding = false;
    for (let attempt = 0; ; attempt++) {
      if (this.throttle.remainingMs(this.hubName) > 0) {
        await this.throttle.wait(this.hubName, signal, this.#retry.maxRetryAfterMs).catch((e) => {
          throw stoppedError(e, options.operation, outstanding, this.#tracker.aborted);
        });
      }
      const token = this.#token.get();
      headers.Authorization = typeof token === "string" ? token : await token;
      let error: unknown;
      options.onAttempt?.();
      try {
        return await (traced && this.#tracer
          ? this.#tracer.attempt(traced, attempt, () => this.#attempt(request, options.operation))
          : this.#attempt(request, options.operation));
      } catch (caught) {
        error = caught;
      }
      outstanding ||= mayHaveBeenAccepted(error);
      if (closing.aborted)
        throw stoppedError(error, options.operation, outstanding, this.#tracker.aborted);
      const delay = retryDelayMs(this.#retry, attempt, error, options.idempotent);
      if (isThrottlingError(error)) {
        this.throttle.hold(this.hubName, error.statusCode, error.retryAfterMs ?? delay ?? 0);
      }
      if (delay === undefined)
        throw stoppedError(error, options.operation, outstanding, this.#tracker.aborted);
      // The hold covers the wait when there is one: the loop waits on the gate.
      if (!isThrottlingError(error)) {
        await sleep(delay, signal).catch((e) => {
          throw stoppedError(e, options.operation, outstanding, this.#tracker.aborted);
        });
      }
    }
  }

  /** One HTTP attempt: the response when 2xx, else throws the typed error. */
  async #attempt(request: TransportRequest, operation: string): Promise<TransportResponse> {
    const started = this.#dump ? Date.now() : 0;
    let response: TransportResponse;
    try {
      response = await this.#transport.request(request);
    } catch (caught) {
      const error = NotificationHubsError.isInstance(caught)
        ? caught
        : new NetworkError(`${operation} failed: ${(caught as Error)?.message}`, {
            cause: caught,
            requestSent: true,
          });
      if (this.#dump) this.#logger(formatDebugDump(request, error as Error, Date.now() - started));
      throw error;
    }
    if (this.#dump) this.#logger(formatDebugDump(request, response, Date.now() - started));
    if (response.status < 300 && response.status > 199) return response;
    throw toServiceError(response, operation);
  }

  /** @internal Step 3: read the send's answer. */
  toSendResult(response: TransportResponse, test: boolean): SendResult {
    const h = response.headers;
    const result: SendResult = {
      notificationId: notificationIdFromLocation(h.location),
      location: h.location,
      trackingId: h.trackingid,
      correlationId: h["x-ms-correlation-request-id"],
    };
    if (test) result.outcome = parseNotificationOutcome(response.body);
    return result;
  }
}
