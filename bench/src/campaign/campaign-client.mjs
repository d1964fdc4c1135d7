// The client side of the campaign bench, in its own process: streams a handles file (one handle a
// line, read by node:readline as an async iterable) to `client.sendBatch` and prints one JSON
// line: the CampaignResult's counts, wall time, CPU (process.cpuUsage) and peak RSS (sampled every
// 10 ms, and resourceUsage().maxRSS).
// Config (JSON in argv[2]): { connectionString, hubName, file, concurrency? }.
import { createReadStream } from "node:fs";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { createClient } from "@nhub/core";
import { FCM_ADAPTER, PAYLOAD } from "./payload.mjs";

const config = JSON.parse(process.argv[2]);
let holds = 0;
const client = createClient({
  connectionString: config.connectionString,
  hubName: config.hubName,
  adapters: [FCM_ADAPTER],
  onThrottle() {
    holds++;
  },
});

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 10);
const startRss = process.memoryUsage().rss;

const lines = createInterface({ input: createReadStream(config.file), crlfDelay: Infinity });
const cpuBefore = process.cpuUsage();
const started = performance.now();
const result = await client.sendBatch("fcmv1", PAYLOAD, lines, {
  concurrency: config.concurrency ?? 4,
});
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
await client.close();

const failedHandles = result.failedChunks.reduce((n, chunk) => n + chunk.handles.length, 0);
process.stdout.write(
  `${JSON.stringify({
    total: result.total,
    succeeded: result.succeeded,
    failed: result.failed,
    uncertain: result.uncertain,
    failedHandles,
    failedErrors: [...new Set(result.failedChunks.map((c) => c.error.message))].slice(0, 3),
    requests: result.requests,
    aborted: result.aborted,
    throttleHolds: holds,
    wallMs,
    cpuUs: cpu.user + cpu.system,
    startRss,
    peakRss,
    maxRss: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
