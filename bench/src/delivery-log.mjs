// Issue 11's bounded delivery log: `node src/delivery-log.mjs` (full: 1,000,000 deliveries; writes
// the `delivery-log` section of RESULTS.md) or `--smoke` (11,000, counts checked, nothing
// written; only the default bound). Options: --deliveries N.
// An emulator in its own process (campaign/emulator-process.mjs) receives N deliveries through the
// data plane: batch direct sends of 1000 handles (a handles file streamed to `client.sendBatch`
// by campaign/campaign-client.mjs, concurrency 4). The emulator samples its own RSS when the
// deliveries reach 10,000 and every 100,000 up to 1,000,000. Run once with the default `maxDeliveries`
// (10,000) and once keeping every delivery (`maxDeliveries` = N), for contrast.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runScript, spawnEmulator, writeHandlesFile } from "./campaign/processes.mjs";
import { machineLines, mib, writeSection } from "./results-section.mjs";

const { values } = parseArgs({
  options: { smoke: { type: "boolean", default: false }, deliveries: { type: "string" } },
});
const smoke = values.smoke;
const total = Number(values.deliveries ?? (smoke ? 11_000 : 1_000_000));
const loadBefore = loadavg();
const dir = mkdtempSync(join(tmpdir(), "nhub-delivery-log-"));
const log = (text) => process.stderr.write(`[delivery-log] ${text}\n`);

const runs = [];
let failed = false;
try {
  const file = join(dir, "handles.txt");
  await writeHandlesFile(file, total);
  for (const maxDeliveries of smoke ? [undefined] : [undefined, total]) {
    const emulator = await spawnEmulator({ maxDeliveries, expect: total, gc: true });
    try {
      await emulator.reset(total);
      const client = await runScript("./campaign-client.mjs", {
        connectionString: emulator.connectionString,
        hubName: emulator.hubName,
        file,
      });
      const stats = await emulator.stats();
      const ok =
        client.succeeded === total &&
        stats.deliveries === total &&
        stats.lost === 0 &&
        stats.duplicates === 0;
      if (!ok) failed = true;
      runs.push({ maxDeliveries, client, stats });
      log(
        `maxDeliveries ${maxDeliveries ?? "default"}: ${stats.deliveries} deliveries in ${(client.wallMs / 1000).toFixed(1)} s, ` +
          `retained ${stats.retained}, RSS ${[stats.baseline, ...stats.marks].map((m) => `${m.deliveries}: ${mib(m.rss)}`).join(", ")}${ok ? "" : " FAILED"}`,
      );
    } finally {
      await emulator.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (!smoke && !failed) log(`wrote ${writeSection("delivery-log", report())}`);
if (failed) {
  log("FAILED: deliveries lost, duplicated or not accepted");
  process.exitCode = 1;
}

function report() {
  const rows = runs.flatMap(({ maxDeliveries, stats }) =>
    [stats.baseline, ...stats.marks].map(
      (m) =>
        `| ${maxDeliveries === undefined ? "default (10,000)" : maxDeliveries.toLocaleString("en")} | ${m.deliveries.toLocaleString("en")} | ${m.retained?.toLocaleString("en") ?? "0"} | ${mib(m.heapUsed)} | ${mib(m.heapTotal)} | ${mib(m.external)} | ${mib(m.rss)} | ${mib(m.maxRss)} |`,
    ),
  );
  const growth = (run) => {
    const marks = run.stats.marks;
    const first = marks[0];
    const last = marks[marks.length - 1];
    return `from ${first.deliveries.toLocaleString("en")} to ${last.deliveries.toLocaleString("en")} deliveries, heap after GC +${mib(last.heapUsed - first.heapUsed)}, peak RSS +${mib(last.maxRss - first.maxRss)}`;
  };
  const [bounded, unbounded] = runs;
  const at = (run, n) => run.stats.marks.find((m) => m.deliveries === n) ?? run.stats.marks.at(-1);
  const last = bounded.stats.marks.at(-1);
  const [h10, h100, h1m] = [10_000, 100_000, last.deliveries].map((n) => at(bounded, n).heapUsed);
  const flat = h1m - h10 < 10 * 1024 * 1024;
  const rssGrowth = last.rss - at(bounded, 100_000).rss;
  const interpretation =
    `With the default bound the retained heap ${flat ? "stays flat" : "**still grows**"} (${mib(h10)}, ${mib(h100)}, ` +
    `${mib(h1m)} after GC at 10,000, 100,000 and ${last.deliveries.toLocaleString("en")} deliveries, 10,000 retained) while keeping everything ` +
    `reaches ${mib(unbounded.stats.marks.at(-1).heapUsed)}. RSS after ${last.deliveries.toLocaleString("en")} is ${mib(rssGrowth)} above RSS after 100,000 ` +
    `(issue 11's limit: 50 MiB; ${rssGrowth < 50 * 1024 * 1024 ? "met" : "**not met**"}); RSS grows more than the retained heap because V8 keeps the heap it ` +
    "grew to under this allocation rate (heap total) until memory is needed (`--max-old-space-size` caps it).";
  return `## Bounded delivery log (issue 11)

Written by \`pnpm --filter @nhub/bench run bench:delivery-log\` (\`bench/src/delivery-log.mjs\`).

${machineLines(loadBefore).join("\n")}
- Setup: an emulator in its own process receives ${total.toLocaleString("en")} deliveries through the data plane, as batch direct sends of 1000 handles (\`client.sendBatch\` streaming a handles file, concurrency 4, from another process); when its delivery count reaches each mark the emulator (run with \`--expose-gc\`) makes a full GC and samples \`process.memoryUsage()\` (heap used is then what is retained) and \`resourceUsage().maxRSS\` (the peak so far). Run with the default \`maxDeliveries\` and, for contrast, with \`maxDeliveries: ${total.toLocaleString("en")}\` (nothing dropped).

| maxDeliveries | deliveries | retained | heap used after GC | heap total | external | RSS | peak RSS so far |
|---|--:|--:|--:|--:|--:|--:|--:|
${rows.join("\n")}

- Default bound: ${growth(bounded)}; keeping everything: ${growth(unbounded)}.

**Interpretation:** ${interpretation}
`;
}
