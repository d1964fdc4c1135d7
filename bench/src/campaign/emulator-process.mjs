// An emulator in its own process for the campaign and delivery-log benches. The parent talks to it
// over IPC: it answers `ready` with its connection string, and `stats` with the counts it keeps.
// Options (JSON in argv[2]): { quota?: number, maxDeliveries?: number, expect?: number,
// gc?: boolean (run with --expose-gc: a full GC before each RSS sample), marks?: number[] (the
// delivery counts to sample at; default MARKS) }. `settle` (IPC) samples once the senders paused.
// It counts each delivery per handle (handles are `tok-<index>`, a byte per index: duplicates and
// lost handles are read from it), requests per status, and samples its own RSS when the number of
// deliveries reaches each of MARKS.
import { startEmulator } from "@nhub/emulator";

const options = JSON.parse(process.argv[2] ?? "{}");
// 10,000, then every 100,000 up to 1,000,000 (issue 11 asks for RSS every 100,000), then 10,000,000.
const MARKS = options.marks ?? [
  10_000,
  ...Array.from({ length: 10 }, (_, i) => (i + 1) * 100_000),
  10_000_000,
];

let counts = new Uint8Array(options.expect ?? 1_000_000);
let deliveries = 0;
let foreign = 0;
let statuses = {};
let requests = 0;
let marks = [];
let baseline;
// With --expose-gc (option `gc`), a full collection first, so heapUsed is what is retained.
const sample = (at) => {
  globalThis.gc?.();
  const memory = process.memoryUsage();
  return {
    deliveries: at,
    requests,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
};

function reset(expect) {
  counts = new Uint8Array(expect);
  deliveries = 0;
  foreign = 0;
  statuses = {};
  requests = 0;
  marks = [];
  baseline = sample(0);
}

const emulator = await startEmulator({
  hubs: ["bench"],
  ...(options.quota ? { quota: { requestsPerSecond: options.quota } } : {}),
  ...(options.maxDeliveries ? { maxDeliveries: options.maxDeliveries } : {}),
  onRequest(info) {
    requests++;
    statuses[info.status] = (statuses[info.status] ?? 0) + 1;
  },
  onDelivery(delivery) {
    deliveries++;
    const index = Number(delivery.pushChannel.slice(4));
    if (Number.isSafeInteger(index) && index >= 0 && index < counts.length) {
      if (counts[index] < 255) counts[index]++;
    } else foreign++;
    if (deliveries === MARKS[marks.length]) {
      marks.push({ ...sample(deliveries), retained: emulator.deliveries().length });
    }
  },
});

function stats() {
  let distinct = 0;
  let duplicates = 0;
  for (const count of counts) {
    if (count > 0) distinct++;
    if (count > 1) duplicates += count - 1;
  }
  return {
    requests,
    statuses,
    deliveries,
    distinct,
    duplicates,
    lost: counts.length - distinct,
    foreign,
    baseline,
    marks,
    rss: process.memoryUsage().rss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    retained: emulator.deliveries().length,
  };
}

/**
 * A sample once the senders have paused: a full GC, half a second idle (V8 and the allocator
 * return freed pages in their own time), another full GC, then the sample.
 */
async function settle() {
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { ...sample(deliveries), retained: emulator.deliveries().length };
}

process.on("message", (message) => {
  if (message.type === "stats") process.send({ type: "stats", stats: stats() });
  else if (message.type === "settle") {
    settle().then(
      (sampled) => process.send({ type: "settle", sample: sampled }),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  } else if (message.type === "reset") {
    reset(message.expect);
    process.send({ type: "reset" });
  } else if (message.type === "close") {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  }
});
process.send({
  type: "ready",
  connectionString: emulator.connectionString,
  hubName: emulator.hubName,
});
