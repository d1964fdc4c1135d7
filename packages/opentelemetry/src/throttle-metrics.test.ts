import { channel } from "node:diagnostics_channel";
import {
  THROTTLE_CHANNEL as CORE_THROTTLE,
  createClient,
  type NotificationAdapter,
} from "@nhub/core";
import { type Emulator, startEmulator } from "@nhub/emulator";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instrumentNhub, THROTTLE_CHANNEL } from "./index.js";

const json: NotificationAdapter<object> = {
  specificationVersion: "v1",
  format: "gcm",
  name: "otel-throttle-json",
  prepare: (payload) => ({ body: JSON.stringify(payload), contentType: "application/json" }),
};

let emulator: Emulator;
beforeAll(async () => {
  // One request per second per hub: the second send of a burst gets a real 429 with Retry-After.
  emulator = await startEmulator({ quota: { requestsPerSecond: 1 } });
});
afterAll(() => emulator.close());

describe("nhub:throttle", () => {
  it("uses core's channel name", () => {
    expect(THROTTLE_CHANNEL).toBe(CORE_THROTTLE);
  });

  it("publishes each throttled wait, counted by nhub.throttled_waits, with no secret", async () => {
    const messages: unknown[] = [];
    const listener = (message: unknown) => messages.push(message);
    channel(THROTTLE_CHANNEL).subscribe(listener);
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const meterProvider = new MeterProvider({ readers: [reader] });
    const instrumentation = instrumentNhub({ meterProvider });
    const client = createClient({
      connectionString: emulator.connectionString,
      hubName: emulator.hubName,
      adapters: [json],
      retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    try {
      const results = await Promise.all([
        client.send("gcm", { n: 1 }),
        client.send("gcm", { n: 2 }),
      ]);
      expect(results.every((result) => result.notificationId !== undefined)).toBe(true);
    } finally {
      await client.close();
      instrumentation.disable();
      channel(THROTTLE_CHANNEL).unsubscribe(listener);
    }
    expect(messages.length).toBeGreaterThanOrEqual(1);
    expect(messages[0]).toEqual({ hub: emulator.hubName, status: 429, retryAfterMs: 1000 });

    await reader.forceFlush();
    const metrics = Object.fromEntries(
      (
        exporter
          .getMetrics()
          .at(-1)
          ?.scopeMetrics.flatMap((scope) => scope.metrics) ?? []
      ).map((metric) => [metric.descriptor.name, metric]),
    );
    const attributes = { "nhub.hub": emulator.hubName, "http.response.status_code": 429 };
    expect(metrics["nhub.throttled_waits"]?.dataPoints.map((p) => [p.attributes, p.value])).toEqual(
      [[attributes, messages.length]],
    );
    const waited = metrics["nhub.throttled_wait.duration"];
    expect(waited?.descriptor.unit).toBe("s");
    expect(waited?.dataPoints.map((p) => [p.attributes, p.value])).toEqual([
      [attributes, expect.objectContaining({ count: messages.length, min: 1 })],
    ]);
    await meterProvider.shutdown();

    const everything = JSON.stringify({ messages, metrics });
    const key = emulator.connectionString.match(/SharedAccessKey=([^;]+)/)?.[1] ?? "missing";
    for (const secret of [key, "sig=", "SharedAccessSignature", "SharedAccessKey"]) {
      expect(everything).not.toContain(secret);
    }
  }, 20_000);
});
