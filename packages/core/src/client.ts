import {
  type AdapterOptions,
  type AdapterPayload,
  type AnyNotificationAdapter,
  assertAdapter,
  type PreparedNotification,
} from "./adapter.js";
import { type BatchSendOptions, type BatchSendResult, sendBatch } from "./batch-send.js";
import type {
  ClientOptions,
  DeviceHandle,
  HubRequest,
  HubResponse,
  SendOptions,
  SendResult,
} from "./client-types.js";
import { parseConnectionString } from "./connection-string.js";
import { formatDebugDump } from "./debug-dump.js";
import { scheduleSend, sendDirect } from "./direct-send.js";
import {
  InvalidAdapterError,
  InvalidArgumentError,
  NetworkError,
  NotificationHubsError,
  TagExpressionError,
  UnknownFormatError,
} from "./errors.js";
import { parseNotificationOutcome } from "./outcome.js";
import {
  getNotificationOutcomeDetails,
  type NotificationOutcomeDetails,
  type OutcomeDetailsOptions,
} from "./outcome-details.js";
import type { Platform } from "./platform.js";
import { type RetryPolicy, resolveRetryPolicy, retryDelayMs, sleep } from "./retry.js";
import { TokenCache } from "./sas-token.js";
import { notificationIdFromLocation, toServiceError } from "./service-response.js";
import { parseTagExpression, tagsToExpression } from "./tag-expression.js";
import type { Transport, TransportRequest, TransportResponse } from "./transport.js";

declare const __NHUB_VERSION__: string;

/** The REST API version nhub speaks. */
export const API_VERSION = "2020-06";
const QUERY = `?api-version=${API_VERSION}`;
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE"]);

/** Headers and body of one notification, ready for the wire (before signing). */
export interface PreparedSend {
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/**
 * A client for one notification hub. Create it with `createClient`. It keeps its adapters, its
 * cached token and its connection pool to itself: nothing is global.
 */
export class NotificationHubClient {
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
  readonly #logger: (text: string) => void;
  readonly #baseHeaders: Record<string, string>;
  #lastExpression: string | undefined;
  #lastExpressionText: string | undefined;

  /** @internal Use `createClient(options)`. */
  constructor(options: ClientOptions, platform: Platform) {
    if (typeof options !== "object" || options === null) {
      throw new InvalidArgumentError(
        "createClient needs an options object with connectionString and hubName.",
      );
    }
    const { endpoint, keyName, key } = parseConnectionString(options.connectionString);
    if (typeof options.hubName !== "string" || options.hubName.trim() === "") {
      throw new InvalidArgumentError(
        "createClient: hubName must be the non-empty name of the notification hub.",
      );
    }
    const timeoutMs = options.timeoutMs ?? 30_000;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new InvalidArgumentError(
        `createClient: timeoutMs must be a positive number of milliseconds, got ${timeoutMs}.`,
      );
    }
    const ttl = options.tokenTtlSeconds ?? 3600;
    if (!Number.isSafeInteger(ttl) || ttl < 60) {
      throw new InvalidArgumentError(
        `createClient: tokenTtlSeconds must be a whole number of seconds, at least 60; got ${ttl}.`,
      );
    }
    if (options.logger !== undefined && typeof options.logger !== "function") {
      throw new InvalidArgumentError(
        "createClient: logger must be a function that receives each piece of debug text.",
      );
    }
    this.hubName = options.hubName;
    this.endpoint = endpoint;
    const url = new URL(endpoint);
    this.#origin = url.origin;
    this.#hubPath = `${url.pathname}${encodeURIComponent(options.hubName)}/`;
    this.#token = new TokenCache(
      platform.hmac,
      `${endpoint}${encodeURIComponent(options.hubName)}`,
      keyName,
      key,
      ttl,
    );
    this.#timeoutMs = timeoutMs;
    this.#retry = resolveRetryPolicy(options.retry);
    this.#debug = options.debug === true;
    this.#logger = options.logger ?? platform.defaultLogger;
    this.#ownsTransport = options.transport === undefined;
    this.#transport =
      options.transport ??
      platform.createTransport({
        dispatcher: options.dispatcher,
        connections: options.connections ?? 64,
      });
    const version = typeof __NHUB_VERSION__ === "string" ? __NHUB_VERSION__ : "0.0.0";
    this.#baseHeaders = { "User-Agent": `nhub/${version}`, "x-ms-version": API_VERSION };
    for (const adapter of options.adapters ?? []) this.register(adapter);
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
    if (typeof request !== "object" || request === null || typeof request.path !== "string") {
      throw new InvalidArgumentError(
        "client.request needs { method, path } with a hub-relative path.",
      );
    }
    const method = request.method;
    if (!["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"].includes(method)) {
      throw new InvalidArgumentError(
        `client.request: unsupported method ${JSON.stringify(method)}.`,
      );
    }
    let path = `${request.path.replace(/^\/+/, "")}${QUERY}`;
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value === undefined || name === "api-version") continue;
      const text = String(value);
      const key = encodeURIComponent(name).replace(/%24/g, "$");
      path += text === "" ? `&${key}` : `&${key}=${encodeURIComponent(text)}`;
    }
    if (request.rawQuery) path += `&${request.rawQuery.replace(/^[?&]+/, "")}`;
    return this.execute(method, path, { ...request.headers }, request.body, {
      idempotent: request.idempotent ?? IDEMPOTENT_METHODS.has(method),
      signal: request.signal,
      timeoutMs: request.timeoutMs,
      operation: `${method} ${request.path}`,
    });
  }

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
    options: SendOptions & Record<string, unknown> = {},
  ): Promise<SendResult> {
    return sendDirect(this, target, payload, deviceHandle, options);
  }

  /**
   * Sends one notification to many device handles: requests of at most 1000 handles (see
   * `batchSize`), a bounded number in flight. One failed request never hides the others: the
   * result lists every request with its handles and its result or error.
   */
  sendBatch<A extends AnyNotificationAdapter>(
    target: A,
    payload: AdapterPayload<A>,
    deviceHandles: Iterable<string>,
    options?: BatchSendOptions & AdapterOptions<A>,
  ): Promise<BatchSendResult>;
  sendBatch(
    target: string,
    payload: unknown,
    deviceHandles: Iterable<string>,
    options?: BatchSendOptions & object,
  ): Promise<BatchSendResult>;
  sendBatch(
    target: string | AnyNotificationAdapter,
    payload: unknown,
    deviceHandles: Iterable<string>,
    options: BatchSendOptions & Record<string, unknown> = {},
  ): Promise<BatchSendResult> {
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
    options: SendOptions & Record<string, unknown> = {},
  ): Promise<SendResult> {
    return scheduleSend(this, target, payload, scheduledTime, options);
  }

  /** Cancels a scheduled notification by the id `scheduleSend` resolved to. */
  async cancelScheduled(
    notificationId: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    if (typeof notificationId !== "string" || notificationId.trim() === "") {
      throw new InvalidArgumentError(
        "cancelScheduled needs the notification id that scheduleSend resolved to.",
      );
    }
    await this.request({
      method: "DELETE",
      path: `schedulednotifications/${encodeURIComponent(notificationId)}`,
      signal: options.signal,
    });
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
  async getFeedbackContainerUrl(options: { signal?: AbortSignal } = {}): Promise<string> {
    const response = await this.request({
      method: "GET",
      path: "feedbackcontainer",
      signal: options.signal,
    });
    return response.body.trim();
  }

  /** Releases the connections of the client's own transport. */
  async close(): Promise<void> {
    if (this.#ownsTransport) await this.#transport.close?.();
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
    const adapter = this.#adapterFor(target);
    const prepared: PreparedNotification = adapter.prepare(payload, options);
    if (
      typeof prepared !== "object" ||
      prepared === null ||
      typeof prepared.contentType !== "string" ||
      !(typeof prepared.body === "string" || prepared.body instanceof Uint8Array)
    ) {
      throw new InvalidAdapterError(
        `Adapter for format "${adapter.format}" returned no { body, contentType } from prepare().`,
      );
    }
    // One fresh object per send, built once: execute() adds the base headers and the token to it.
    const headers: Record<string, string> = {
      "Content-Type": prepared.contentType,
      "ServiceBusNotification-Format": adapter.format,
    };
    const extra = prepared.headers;
    if (extra) for (const name in extra) headers[name] = extra[name] as string;
    if (options.headers) Object.assign(headers, options.headers);
    headers["Content-Type"] = prepared.contentType;
    headers["ServiceBusNotification-Format"] = adapter.format;
    if (options.tags !== undefined) {
      if (options.tagExpression !== undefined) {
        throw new TagExpressionError("Pass either tags or tagExpression, not both.");
      }
      headers["ServiceBusNotification-Tags"] = tagsToExpression(options.tags);
    } else if (options.tagExpression !== undefined) {
      headers["ServiceBusNotification-Tags"] = this.#normalizeExpression(options.tagExpression);
    }
    return { headers, body: prepared.body };
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
    options: {
      idempotent: boolean;
      signal?: AbortSignal | undefined;
      timeoutMs?: number | undefined;
      operation: string;
    },
  ): Promise<TransportResponse> {
    const path = this.#hubPath + pathAndQuery;
    const request: TransportRequest = {
      method,
      url: this.#origin + path,
      origin: this.#origin,
      path,
      headers: withDefaults(headers, this.#baseHeaders),
      body,
      timeoutMs: options.timeoutMs ?? this.#timeoutMs,
      signal: options.signal,
    };
    for (let attempt = 0; ; attempt++) {
      const token = this.#token.get();
      request.headers.Authorization = typeof token === "string" ? token : await token;
      const started = this.#debug ? Date.now() : 0;
      let error: unknown;
      try {
        const response = await this.#transport.request(request);
        if (this.#debug) this.#logger(formatDebugDump(request, response, Date.now() - started));
        if (response.status >= 200 && response.status < 300) return response;
        error = toServiceError(response, options.operation);
      } catch (caught) {
        error = NotificationHubsError.isInstance(caught)
          ? caught
          : new NetworkError(
              `${options.operation} failed: ${(caught as Error)?.message ?? String(caught)}`,
              {
                cause: caught,
                requestSent: true,
              },
            );
        if (this.#debug)
          this.#logger(formatDebugDump(request, error as Error, Date.now() - started));
      }
      const delay = retryDelayMs(this.#retry, attempt, error, options.idempotent);
      if (delay === undefined) throw error;
      await sleep(delay, options.signal);
    }
  }

  /** @internal Step 3: read the send's answer. */
  toSendResult(response: TransportResponse, test: boolean): SendResult {
    const location = response.headers.location;
    const result: SendResult = {
      notificationId: notificationIdFromLocation(location),
      location,
      trackingId: response.headers.trackingid,
      correlationId: response.headers["x-ms-correlation-request-id"],
    };
    if (test) result.outcome = parseNotificationOutcome(response.body);
    return result;
  }

  /** Parses a tag expression, remembering the last one: most senders reuse the same few. */
  #normalizeExpression(expression: string): string {
    if (expression === this.#lastExpression && this.#lastExpressionText !== undefined) {
      return this.#lastExpressionText;
    }
    const text = parseTagExpression(expression).text;
    this.#lastExpression = expression;
    this.#lastExpressionText = text;
    return text;
  }

  #adapterFor(target: string | AnyNotificationAdapter): AnyNotificationAdapter {
    if (typeof target === "string") {
      const adapter = this.#adapters.get(target);
      if (adapter) return adapter;
      const known = this.formats;
      throw new UnknownFormatError(
        `No adapter for format "${target}" on this client; ${known.length ? `it has: ${known.join(", ")}` : "it has none"}. Register one (client.register(wns())) or pass the adapter object itself.`,
      );
    }
    return assertAdapter(target);
  }
}

/** Adds each default header the caller did not set itself; returns `headers`. */
function withDefaults(headers: Record<string, string>, defaults: Record<string, string>) {
  for (const name in defaults) if (!(name in headers)) headers[name] = defaults[name] as string;
  return headers;
}
