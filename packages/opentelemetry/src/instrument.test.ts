import { tracingChannel } from "node:diagnostics_channel";
import {
  OPERATION_CHANNEL as CORE_OPERATION_CHANNEL,
  REQUEST_CHANNEL as CORE_REQUEST_CHANNEL,
  createClient,
  type NotificationAdapter,
  type NotificationHubClient,
} from "@nhub/core";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  instrumentNhub,
  type NhubInstrumentation,
  OPERATION_CHANNEL,
  REQUEST_CHANNEL,
} from "./index.js";

const json: NotificationAdapter<object> = {
  specificationVersion: "v1",
  format: "gcm",
  name: "otel-test-json",
  prepare: (payload) => ({ body: JSON.stringify(payload), contentType: "application/json" }),
};

let emulator: Emulator;
let client: NotificationHubClient;
const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(spans)],
});
let metricExporter: InMemoryMetricExporter;
let reader: PeriodicExportingMetricReader;
let meterProvider: MeterProvider;
let instrumentation: NhubInstrumentation;
const contextManager = new AsyncLocalStorageContextManager().enable();

beforeAll(async () => {
  context.setGlobalContextManager(contextManager);
  emulator = await startEmulator({
    installations: [
      { installationId: "p1", platform: "fcmv1", pushChannel: "token-1", tags: ["a"] },
    ],
  });
  client = createClient({
    connectionString: emulator.connectionString,
    hubName: emulator.hubName,
    adapters: [json],
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
});

beforeEach(() => {
  emulator.reset();
  spans.reset();
  // A fresh exporter each test: shutting the meter provider down shuts its exporter down.
  metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  reader = new PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  meterProvider = new MeterProvider({ readers: [reader] });
  instrumentation = instrumentNhub({ tracerProvider, meterProvider });
});

afterEach(async () => {
  instrumentation.disable();
  await meterProvider.shutdown();
});

afterAll(async () => {
  await client.close();
  await emulator.close();
  context.disable();
});

async function collectMetrics() {
  await reader.forceFlush();
  const metrics =
    metricExporter
      .getMetrics()
      .at(-1)
      ?.scopeMetrics.flatMap((s) => s.metrics) ?? [];
  return Object.fromEntries(metrics.map((m) => [m.descriptor.name, m]));
}

describe("instrumentNhub", () => {
  it("uses core's channel names", () => {
    expect([OPERATION_CHANNEL, REQUEST_CHANNEL]).toEqual([
      CORE_OPERATION_CHANNEL,
      CORE_REQUEST_CHANNEL,
    ]);
  });

  it("makes an operation span with one CLIENT span per attempt, and metrics", async () => {
    emulator.injectFault({ status: 503 });
    const outer = tracerProvider.getTracer("test").startSpan("outer");
    const result = await context.with(trace.setSpan(context.active(), outer), () =>
      client.send("gcm", { hello: "world" }, { tags: ["a"] }),
    );
    outer.end();
    const finished = spans.getFinishedSpans();
    const operation = finished.find((s) => s.name === "nhub send");
    const attempts = finished.filter((s) => s.name === "POST");
    expect(operation?.kind).toBe(SpanKind.INTERNAL);
    expect(operation?.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(operation?.spanContext().traceId).toBe(outer.spanContext().traceId);
    expect(attempts).toHaveLength(2);
    const url = new URL(client.endpoint);
    const common = {
      "http.request.method": "POST",
      "server.address": url.hostname,
      "server.port": Number(url.port),
      "url.full": `${client.endpoint}${emulator.hubName}/messages`,
      "nhub.hub": emulator.hubName,
      "nhub.format": "gcm",
      "nhub.operation": "Send",
    };
    for (const attempt of attempts) {
      expect(attempt.kind).toBe(SpanKind.CLIENT);
      expect(attempt.parentSpanContext?.spanId).toBe(operation?.spanContext().spanId);
    }
    const [first, second] = attempts;
    expect(first?.attributes).toEqual({
      ...common,
      "http.response.status_code": 503,
      "nhub.tracking_id": expect.any(String),
      "error.type": "503",
    });
    expect(first?.status.code).toBe(SpanStatusCode.ERROR);
    expect(second?.attributes).toMatchObject({
      ...common,
      "http.response.status_code": 201,
      "http.request.resend_count": 1,
      "nhub.tracking_id": expect.any(String),
      "nhub.notification_id": result.notificationId,
    });
    expect(second?.attributes["error.type"]).toBeUndefined();
    expect(second?.status.code).toBe(SpanStatusCode.UNSET);
    expect(operation?.attributes).toMatchObject({ "nhub.notification_id": result.notificationId });
    expect(operation?.status.code).toBe(SpanStatusCode.UNSET);

    const metrics = await collectMetrics();
    const sendPoints = metrics["nhub.sends"]?.dataPoints ?? [];
    expect(sendPoints.map((p) => [p.attributes, p.value])).toEqual([
      [{ "nhub.format": "gcm", "nhub.outcome": "accepted" }, 1],
    ]);
    expect(metrics["nhub.retries"]?.dataPoints.map((p) => [p.attributes, p.value])).toEqual([
      [{ "nhub.operation": "Send" }, 1],
    ]);
    const durations = metrics["http.client.request.duration"];
    expect(durations?.descriptor.unit).toBe("s");
    const counts = durations?.dataPoints.map((p) => [
      p.attributes["http.response.status_code"],
      (p.value as { count: number }).count,
    ]);
    expect(counts).toEqual(
      expect.arrayContaining([
        [503, 1],
        [201, 1],
      ]),
    );

    const everything = JSON.stringify({
      finished: finished.map((s) => ({ ...s, _spanProcessor: undefined })),
      metrics,
    });
    for (const secret of [
      "sig=",
      "SharedAccessSignature",
      "SharedAccessKey",
      "api-version",
      "hello",
    ]) {
      expect(everything).not.toContain(secret);
    }
    const key = emulator.connectionString.match(/SharedAccessKey=([^;]+)/)?.[1] ?? "missing";
    expect(everything).not.toContain(key);
  });

  it("marks a failed send and counts it", async () => {
    emulator.injectFault({ status: 400 });
    await expect(client.send("gcm", {})).rejects.toThrow();
    const finished = spans.getFinishedSpans();
    const operation = finished.find((s) => s.name === "nhub send");
    expect(operation?.status.code).toBe(SpanStatusCode.ERROR);
    expect(operation?.attributes["error.type"]).toBe("SERVICE_ERROR");
    expect(finished.filter((s) => s.name === "POST")).toHaveLength(1);
    const metrics = await collectMetrics();
    expect(metrics["nhub.sends"]?.dataPoints.map((p) => [p.attributes, p.value])).toEqual([
      [{ "nhub.format": "gcm", "nhub.outcome": "failed" }, 1],
    ]);
  });

  it("counts a batch per device handle in nhub.sends: accepted, failed and uncertain", async () => {
    // Chunks of 100, one at a time: refused (400), perhaps accepted (500), accepted.
    emulator.injectFault({ status: 400 });
    emulator.injectFault({ status: 500 });
    const handles = Array.from({ length: 250 }, (_, i) => `t${i}`);
    const result = await client.sendBatch("gcm", {}, handles, { batchSize: 100, concurrency: 1 });
    expect(result).toMatchObject({ succeeded: 50, failed: 100, uncertain: 100 });
    await client.send("gcm", {});
    const metrics = await collectMetrics();
    const points = metrics["nhub.sends"]?.dataPoints.map((p) => [p.attributes, p.value]);
    expect(points).toEqual(
      expect.arrayContaining([
        [{ "nhub.format": "gcm", "nhub.outcome": "failed" }, 100],
        [{ "nhub.format": "gcm", "nhub.outcome": "uncertain" }, 100],
        // 50 handles of the batch plus the single send.
        [{ "nhub.format": "gcm", "nhub.outcome": "accepted" }, 51],
      ]),
    );
    expect(points).toHaveLength(3);
    const chunks = spans.getFinishedSpans().filter((s) => s.name === "nhub batch send");
    expect(chunks.map((s) => s.attributes["nhub.batch.handles"])).toEqual([100, 100, 50]);
  });

  it("names client.request operations without ids", async () => {
    await client.request({ method: "GET", path: "installations/p1" });
    expect(spans.getFinishedSpans().map((s) => s.name)).toEqual(["GET", "nhub request"]);
  });

  it("records nothing after disable(), and leaves core's channels without subscribers", async () => {
    expect(tracingChannel(OPERATION_CHANNEL).hasSubscribers).toBe(true);
    instrumentation.disable();
    expect(tracingChannel(OPERATION_CHANNEL).hasSubscribers).toBe(false);
    expect(tracingChannel(REQUEST_CHANNEL).hasSubscribers).toBe(false);
    await client.send("gcm", {});
    expect(spans.getFinishedSpans()).toEqual([]);
  });
});
