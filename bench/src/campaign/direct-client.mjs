// The client side of the delivery-log bench, in its own process: `total` direct sends
// (`client.sendDirect("fcmv1", …)`, one request and one delivery each, to handles `tok-<offset>` …)
// with `concurrency` in flight, and one JSON line: counts, wall time and the first errors.
// Config (JSON in argv[2]): { connectionString, hubName, total, concurrency?, offset? }.
import { performance } from "node:perf_hooks";
import { createClient } from "@nhub/core";
import { FCM_ADAPTER, handleAt, PAYLOAD } from "./payload.mjs";

const config = JSON.parse(process.argv[2]);
const concurrency = config.concurrency ?? 64;
const offset = config.offset ?? 0;
const client = createClient({
  connectionString: config.connectionString,
  hubName: config.hubName,
  adapters: [FCM_ADAPTER],
  connections: concurrency,
  // A failed send is counted, never repeated: a retried send could be delivered twice.
  retry: false,
});

let next = 0;
let succeeded = 0;
const errors = new Map();
async function worker() {
  while (next < config.total) {
    const index = next++;
    try {
      await client.sendDirect("fcmv1", PAYLOAD, handleAt(offset + index));
      succeeded++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.set(message, (errors.get(message) ?? 0) + 1);
    }
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const wallMs = performance.now() - started;
await client.close();
process.stdout.write(
  `${JSON.stringify({
    total: config.total,
    succeeded,
    failed: config.total - succeeded,
    errors: [...errors].slice(0, 3),
    concurrency,
    wallMs,
  })}\n`,
);
