// nhub (as clients/nhub.mjs) with the observability of `config.observe`, for observability.mjs:
// - "none": nothing subscribes to core's diagnostics channels;
// - "subscriber": a TracingChannel subscriber with empty handlers on both channels (what
//   publishing costs by itself);
// - "otel": `instrumentNhub()` with the real OpenTelemetry SDK: a BasicTracerProvider with a
//   BatchSpanProcessor and a counting exporter that drops the spans, a MeterProvider whose
//   PeriodicExportingMetricReader exports to an InMemoryMetricExporter every second.
import { tracingChannel } from "node:diagnostics_channel";
import { createClient, OPERATION_CHANNEL, REQUEST_CHANNEL } from "@nhub/core";
import { instrumentNhub } from "@nhub/opentelemetry";
import { wns } from "@nhub/wns";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { clientMain } from "../load.mjs";
import { HUB, TAG_EXPRESSION, TOAST } from "../scenario.mjs";

/** Installs what `observe` asks for; returns how to read what it saw and to shut it down. */
function observe(mode) {
  if (mode === "none") return { async flush() {}, spans: () => 0, async shutdown() {} };
  if (mode === "subscriber") {
    const noop = () => {};
    const handlers = { start: noop, end: noop, asyncStart: noop, asyncEnd: noop, error: noop };
    tracingChannel(OPERATION_CHANNEL).subscribe(handlers);
    tracingChannel(REQUEST_CHANNEL).subscribe(handlers);
    return { async flush() {}, spans: () => 0, async shutdown() {} };
  }
  let exported = 0;
  const exporter = {
    export(spans, done) {
      exported += spans.length;
      done({ code: 0 });
    },
    async shutdown() {},
    async forceFlush() {},
  };
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const meterProvider = new MeterProvider({
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
        exportIntervalMillis: 1000,
      }),
    ],
  });
  const instrumentation = instrumentNhub({ tracerProvider, meterProvider });
  return {
    flush: () => tracerProvider.forceFlush(),
    spans: () => exported,
    async shutdown() {
      instrumentation.disable();
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

await clientMain(({ connectionString, observe: mode }) => {
  const observed = observe(mode);
  const client = createClient({
    connectionString,
    hubName: HUB,
    adapters: [wns()],
    connections: 64,
  });
  const options = { tagExpression: TAG_EXPRESSION };
  return {
    async send() {
      const result = await client.send("windows", TOAST, options);
      if (!result.notificationId) throw new Error("nhub: no notification id in the answer");
    },
    async close() {
      await client.close();
      await observed.shutdown();
    },
    async report() {
      await observed.flush();
      return { spans: observed.spans() };
    },
  };
});
