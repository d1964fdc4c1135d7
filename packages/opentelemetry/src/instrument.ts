import { tracingChannel } from "node:diagnostics_channel";
import {
  mayHaveBeenAccepted,
  type NhubOperationMessage,
  type NhubRequestMessage,
} from "@nhub/core";
import {
  type Context,
  context,
  type MeterProvider,
  metrics,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import {
  durationAttributes,
  errorType,
  nhubAttributes,
  OPERATION_CHANNEL,
  operationSpanName,
  REQUEST_CHANNEL,
  requestStartAttributes,
  resultAttributes,
} from "./span-attributes.js";
import { subscribeThrottles } from "./throttle-metrics.js";

declare const __NHUB_VERSION__: string | undefined;
const SCOPE = "@nhub/opentelemetry";
const VERSION = typeof __NHUB_VERSION__ === "string" ? __NHUB_VERSION__ : "0.0.0";
// Bucket boundaries the HTTP semantic conventions advise for request durations, in seconds.
const DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/** Options of {@link instrumentNhub}. */
export interface InstrumentNhubOptions {
  /** Where spans go; the global tracer provider (`trace.getTracerProvider()`) by default. */
  tracerProvider?: TracerProvider | undefined;
  /** Where metrics go; the global meter provider (`metrics.getMeterProvider()`) by default. */
  meterProvider?: MeterProvider | undefined;
}

/** What {@link instrumentNhub} returns. */
export interface NhubInstrumentation {
  /** Unsubscribes from nhub's channels: no more spans or metrics (spans in flight are dropped). */
  disable(): void;
}

interface OperationState {
  span: Span;
  context: Context;
}

type Handlers<M> = {
  start(message: M): void;
  end(message: M): void;
  asyncStart(message: M): void;
  asyncEnd(message: M): void;
  error(message: M): void;
};

const ignore = () => {};

/**
 * Turns `@nhub/core`'s `nhub:operation`, `nhub:request` and `nhub:throttle` diagnostics channels into
 * OpenTelemetry spans and metrics:
 *
 * - one `INTERNAL` span per operation (`nhub send`, `nhub batch send`, `nhub request`, ...),
 *   a child of the context active when the operation started (a batch chunk's carries
 *   `nhub.batch.handles`);
 * - one `CLIENT` span per HTTP attempt, child of the operation span, named by the HTTP method and
 *   attributed per the HTTP client semantic conventions (`http.request.method`, `server.address`,
 *   `server.port`, `url.full` without query, `http.response.status_code`, `error.type`,
 *   `http.request.resend_count`) plus `nhub.hub`, `nhub.format`, `nhub.operation`,
 *   `nhub.tracking_id`, `nhub.notification_id`;
 * - metrics `nhub.sends` (notifications: one per send, direct or scheduled send, and one per
 *   device handle of a batch chunk; by `nhub.format` and `nhub.outcome`: `accepted`, `failed`,
 *   or `uncertain` when the request may have been accepted, see `mayHaveBeenAccepted`),
 *   `nhub.retries` (counter by `nhub.operation`), `http.client.request.duration` (histogram,
 *   seconds), and from the `nhub:throttle` channel `nhub.throttled_waits` (counter by `nhub.hub`
 *   and `http.response.status_code`) and `nhub.throttled_wait.duration` (histogram of the
 *   `Retry-After` waits, seconds).
 *
 * No span, attribute or metric carries the key, the token, headers or the payload.
 *
 * @example
 * ```ts
 * import { instrumentNhub } from "@nhub/opentelemetry";
 * const instrumentation = instrumentNhub();
 * // ... on shutdown
 * instrumentation.disable();
 * ```
 */
export function instrumentNhub(options: InstrumentNhubOptions = {}): NhubInstrumentation {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE, VERSION);
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE, VERSION);
  const sends = meter.createCounter("nhub.sends", {
    description:
      "Notifications sent, by format and outcome: one per send, direct or scheduled send, one per device handle of a batch chunk.",
    unit: "{notification}",
  });
  const retries = meter.createCounter("nhub.retries", {
    description: "HTTP attempts that retried an earlier attempt.",
    unit: "{request}",
  });
  const duration = meter.createHistogram("http.client.request.duration", {
    description: "Duration of HTTP client requests.",
    unit: "s",
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  const operations = new WeakMap<NhubOperationMessage, OperationState>();
  const attempts = new WeakMap<NhubRequestMessage, { span: Span; started: number }>();

  const onOperation: Handlers<NhubOperationMessage> = {
    start(message) {
      const parent = context.active();
      const attributes = nhubAttributes(message);
      if (message.handles !== undefined) attributes["nhub.batch.handles"] = message.handles;
      const span = tracer.startSpan(
        operationSpanName(message),
        { kind: SpanKind.INTERNAL, attributes },
        parent,
      );
      operations.set(message, { span, context: trace.setSpan(parent, span) });
    },
    end: ignore,
    asyncStart: ignore,
    error: ignore,
    asyncEnd(message) {
      const state = operations.get(message);
      if (!state) return;
      operations.delete(message);
      const failed = message.error !== undefined;
      state.span.setAttributes(resultAttributes(message));
      if (failed) {
        state.span.setAttribute("error.type", message.errorCode ?? "_OTHER");
        state.span.setStatus({ code: SpanStatusCode.ERROR, message: message.errorCode });
      }
      state.span.end();
      if (message.format !== undefined) {
        // One per notification: a batch chunk counts its device handles.
        sends.add(message.handles ?? 1, {
          "nhub.format": message.format,
          "nhub.outcome": !failed
            ? "accepted"
            : mayHaveBeenAccepted(message.error)
              ? "uncertain"
              : "failed",
        });
      }
    },
  };

  const onRequest: Handlers<NhubRequestMessage> = {
    start(message) {
      const parent = operations.get(message.parent)?.context ?? context.active();
      const span = tracer.startSpan(
        message.method,
        { kind: SpanKind.CLIENT, attributes: requestStartAttributes(message) },
        parent,
      );
      attempts.set(message, { span, started: performance.now() });
      if (message.attempt > 0) retries.add(1, { "nhub.operation": message.parent.operation });
    },
    end: ignore,
    asyncStart: ignore,
    error: ignore,
    asyncEnd(message) {
      const state = attempts.get(message);
      if (!state) return;
      attempts.delete(message);
      duration.record((performance.now() - state.started) / 1000, durationAttributes(message));
      const { span } = state;
      if (message.status !== undefined)
        span.setAttribute("http.response.status_code", message.status);
      span.setAttributes(resultAttributes(message));
      const type = errorType(message);
      if (type !== undefined) {
        span.setAttribute("error.type", type);
        span.setStatus({ code: SpanStatusCode.ERROR, message: message.errorCode });
      }
      span.end();
    },
  };

  const operationChannel = tracingChannel(OPERATION_CHANNEL);
  const requestChannel = tracingChannel(REQUEST_CHANNEL);
  operationChannel.subscribe(onOperation as Handlers<unknown>);
  requestChannel.subscribe(onRequest as Handlers<unknown>);
  const unsubscribeThrottles = subscribeThrottles(meter);
  let enabled = true;
  return {
    disable() {
      if (!enabled) return;
      enabled = false;
      unsubscribeThrottles();
      operationChannel.unsubscribe(onOperation as Handlers<unknown>);
      requestChannel.unsubscribe(onRequest as Handlers<unknown>);
    },
  };
}
