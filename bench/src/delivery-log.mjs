// Issue 11's bounded memory: `node src/delivery-log.mjs` (full: 1,000,000 send requests; writes
// the `delivery-log` section of RESULTS.md and the raw runs to bench/.results/delivery-log.json) or
// `--smoke` (5,000 sends, counts checked, nothing written; only the default bound). Options:
// --sends N, --concurrency C (default 64), --no-contrast (skip the run that keeps everything),
// --report (rewrite the section from bench/.results/delivery-log.json without measuring).
// An emulator in its own process (campaign/emulator-process.mjs) receives N direct sends from
// another process (campaign/direct-client.mjs: `client.sendDirect`, C in flight, no retry), one
// request and one delivery each, so both the delivery log and the request log (bounded by
// `maxDeliveries` entries and 4 MiB of bodies) reach their steady state. The sends go in phases
// ending at 10,000 and every 100,000 (a client process each); after each phase, with nothing in
// flight, the emulator (run with --expose-gc) makes a full GC, idles half a second, makes another
// and samples its memory (`settle`). Exits 1
// when a send failed, a delivery was lost or duplicated, or (full run, default bound) RSS after
// the last mark is more than 50 MiB above RSS after 100,000 (issue 11's criterion).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { runScript, spawnEmulator } from "./campaign/processes.mjs";
import { machineLines, mib, writeSection } from "./results-section.mjs";

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    sends: { type: "string" },
    concurrency: { type: "string" },
    "no-contrast": { type: "boolean", default: false },
    report: { type: "boolean", default: false },
  },
});
const smoke = values.smoke;
const RAW = new URL("../.results/delivery-log.json", import.meta.url);
const saved = values.report ? JSON.parse(readFileSync(RAW, "utf8")) : undefined;
const total = saved?.total ?? Number(values.sends ?? (smoke ? 5_000 : 1_000_000));
const concurrency = saved?.concurrency ?? Number(values.concurrency ?? 64);
const RSS_LIMIT = 50 * 1024 * 1024;
const marks = smoke
  ? [1_000, total]
  : [10_000, ...Array.from({ length: Math.floor(total / 100_000) }, (_, i) => (i + 1) * 100_000)];
const loadBefore = saved?.loadBefore ?? loadavg();
const log = (text) => process.stderr.write(`[delivery-log] ${text}\n`);

const runs = saved?.runs ?? [];
const failures = [];
if (!values.report) await measure();
for (const run of runs) failures.push(...problems(run));
if (!smoke && failures.length === 0) {
  if (!values.report) {
    mkdirSync(new URL(".", RAW), { recursive: true });
    writeFileSync(RAW, JSON.stringify({ loadBefore, total, concurrency, runs }));
  }
  log(`wrote ${writeSection("delivery-log", report())}`);
}
if (failures.length > 0) {
  for (const failure of failures) log(`FAILED: ${failure}`);
  process.exitCode = 1;
}

async function measure() {
  const bounds = smoke || values["no-contrast"] ? [undefined] : [undefined, total];
  for (const maxDeliveries of bounds) {
    // The samples are taken between phases (`settle`), not by the emulator during the load.
    const emulator = await spawnEmulator({ maxDeliveries, expect: total, gc: true, marks: [] });
    try {
      await emulator.reset(total);
      // The sends go in phases ending at each mark; between phases (no request in flight) the
      // emulator takes a settled sample.
      const client = { total, succeeded: 0, failed: 0, errors: [], concurrency, wallMs: 0 };
      const settled = [];
      let from = 0;
      for (const mark of marks.at(-1) === total ? marks : [...marks, total]) {
        const phase = await runScript("./direct-client.mjs", {
          connectionString: emulator.connectionString,
          hubName: emulator.hubName,
          total: mark - from,
          offset: from,
          concurrency,
        });
        client.succeeded += phase.succeeded;
        client.failed += phase.failed;
        client.errors.push(...phase.errors);
        client.wallMs += phase.wallMs;
        settled.push(await emulator.settle());
        from = mark;
      }
      const stats = await emulator.stats();
      const run = { maxDeliveries, client, stats: { ...stats, marks: settled } };
      runs.push(run);
      const rss = settled.map((m) => `${m.deliveries}: ${mib(m.rss)}`);
      log(
        `maxDeliveries ${maxDeliveries ?? "default"}: ${client.succeeded} sends in ${(client.wallMs / 1000).toFixed(1)} s ` +
          `(${Math.round(client.succeeded / (client.wallMs / 1000))}/s), ${stats.deliveries} deliveries, retained ${stats.retained}, settled RSS ${rss.join(", ")}`,
      );
    } finally {
      await emulator.close();
    }
  }
}

/** RSS after the last mark minus RSS after 100,000 sends (undefined below 100,000). */
function rssGrowth(run) {
  const at100k = run.stats.marks.find((m) => m.deliveries === 100_000);
  const last = run.stats.marks.at(-1);
  return at100k === undefined || last === at100k ? undefined : last.rss - at100k.rss;
}

/** What is wrong with one run: failed sends, lost or duplicated deliveries, RSS growth. */
function problems({ maxDeliveries, client, stats }) {
  const name = `maxDeliveries ${maxDeliveries ?? "default"}`;
  const out = [];
  if (client.succeeded !== total) {
    out.push(
      `${name}: ${client.failed} of ${total} sends failed (${JSON.stringify(client.errors)})`,
    );
  }
  if (stats.deliveries !== total || stats.lost !== 0 || stats.duplicates !== 0) {
    out.push(
      `${name}: ${stats.deliveries} deliveries for ${total} sends, ${stats.lost} lost, ${stats.duplicates} duplicated`,
    );
  }
  const growth = rssGrowth({ stats });
  if (!smoke && maxDeliveries === undefined && growth !== undefined && growth > RSS_LIMIT) {
    out.push(
      `${name}: RSS after ${stats.marks.at(-1).deliveries.toLocaleString("en")} sends is ${mib(growth)} above RSS after 100,000 (limit ${mib(RSS_LIMIT)})`,
    );
  }
  return out;
}

function report() {
  const n = (value) => value.toLocaleString("en");
  const rows = runs.flatMap(({ maxDeliveries, stats }) =>
    [stats.baseline, ...stats.marks].map(
      (m) =>
        `| ${maxDeliveries === undefined ? "default (10,000)" : n(maxDeliveries)} | ${n(m.deliveries)} | ${n(m.retained ?? 0)} | ${mib(m.heapUsed)} | ${mib(m.heapTotal)} | ${mib(m.external)} | ${mib(m.rss)} | ${mib(m.maxRss)} |`,
    ),
  );
  const [bounded, unbounded] = runs;
  const at = (run, count) => run.stats.marks.find((m) => m.deliveries === count);
  const last = bounded.stats.marks.at(-1);
  const growth = rssGrowth(bounded);
  const heaps = [10_000, 100_000, last.deliveries].map((count) => mib(at(bounded, count).heapUsed));
  const rate = (run) => n(Math.round(run.client.succeeded / (run.client.wallMs / 1000)));
  const native = (m) => m.rss - m.heapUsed - m.external;
  const base = at(bounded, 100_000);
  const later = bounded.stats.marks.filter((m) => m.deliveries > 100_000);
  const highest = later.length > 0 ? later.reduce((a, b) => (b.rss > a.rss ? b : a)) : undefined;
  const versus = (bytes) => (bytes >= 0 ? `${mib(bytes)} above` : `${mib(-bytes)} below`);
  const spread =
    highest === undefined
      ? ""
      : ` After 100,000 sends RSS ranged from ${mib(Math.min(...later.map((m) => m.rss)))} to ${mib(highest.rss)} (at ${n(highest.deliveries)}, ${versus(highest.rss - base.rss)} the 100,000 mark) while the heap after GC stayed flat; what moves is memory outside what the JS heap keeps (RSS minus heap used and external: ${mib(native(base))} at 100,000, ${mib(native(highest))} at ${n(highest.deliveries)}, ${mib(native(last))} at ${n(last.deliveries)}), which V8 and the allocator hand back to the system in their own time.`;
  const contrast = unbounded
    ? ` Keeping everything (\`maxDeliveries: ${n(total)}\`) the heap after GC reaches ${mib(unbounded.stats.marks.at(-1).heapUsed)} and RSS ${mib(unbounded.stats.marks.at(-1).rss)}.`
    : "";
  return `## Bounded memory of the emulator (issue 11)

Written by \`pnpm --filter @nhub/bench run bench:delivery-log\` (\`bench/src/delivery-log.mjs\`; \`--report\` rewrites this section from \`bench/.results/delivery-log.json\`).

${machineLines(loadBefore).join("\n")}
- Setup: an emulator in its own process receives ${n(total)} send requests from another process: direct sends of a small FCM v1 message (\`client.sendDirect\`, ${concurrency} in flight, no retry), one request and one delivery each, to ${n(total)} distinct handles (the emulator counts each handle: none lost or duplicated). Both the delivery log and the request log (the newest \`maxDeliveries\` requests, 4 MiB of bodies) fill and then drop their oldest entries. The sends go in phases that end at 10,000 sends and every 100,000 (a new client process each, ${concurrency} in flight until the phase's last answer); after each phase, with nothing in flight, the emulator (run with \`--expose-gc\`) makes a full GC, idles 0.5 s, makes another and samples \`process.memoryUsage()\` (heap used is then what is retained) and \`resourceUsage().maxRSS\` (the peak so far, under load included). Run with the default \`maxDeliveries\`${unbounded ? ` and, for contrast, with \`maxDeliveries: ${n(total)}\` (nothing dropped)` : ""}.
- Throughput: ${rate(bounded)} sends/s with the default bound${unbounded ? `, ${rate(unbounded)} keeping everything` : ""} (client and emulator share the 2 cores).

| maxDeliveries | sends (= deliveries) | deliveries retained | heap used after GC | heap total | external | RSS | peak RSS so far |
|---|--:|--:|--:|--:|--:|--:|--:|
${rows.join("\n")}

**Result:** RSS after ${n(last.deliveries)} sends is ${versus(growth)} RSS after 100,000 (${mib(at(bounded, 100_000).rss)} → ${mib(last.rss)}); issue 11's limit is 50 MiB: **${growth <= RSS_LIMIT ? "met" : "not met"}** (the script exits 1 when it is not). The retained heap after GC is ${heaps.join(", ")} at 10,000, 100,000 and ${n(last.deliveries)} sends.${spread}${contrast}
`;
}
