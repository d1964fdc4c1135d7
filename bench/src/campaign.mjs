// Issue 12's campaign bench: `node src/campaign.mjs` (full: 100,000 and 1,000,000 handles, with
// and without a quota; writes the `campaign` section of RESULTS.md) or `--smoke` (tiny sizes,
// counts checked, nothing written). Options: --quota Q (requests/s, default 20), --handles N,
// --small N, --concurrency C (sendBatch's, default its own 4).
// The handles file is made here; the emulator runs in its own process and counts every handle it
// delivers (duplicates, lost); the client runs in a fresh process per campaign.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runScript, spawnEmulator, writeHandlesFile } from "./campaign/processes.mjs";
import { machineLines, mib, writeSection } from "./results-section.mjs";

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    quota: { type: "string" },
    handles: { type: "string" },
    small: { type: "string" },
    concurrency: { type: "string" },
  },
});
const smoke = values.smoke;
const quota = Number(values.quota ?? (smoke ? 50 : 20));
const big = Number(values.handles ?? (smoke ? 3_000 : 1_000_000));
const small = Number(values.small ?? (smoke ? 1_000 : 100_000));
const concurrency = values.concurrency ? Number(values.concurrency) : undefined;
const loadBefore = loadavg();
const dir = mkdtempSync(join(tmpdir(), "nhub-campaign-"));
const log = (text) => process.stderr.write(`[campaign] ${text}\n`);

/** One campaign of `count` handles from `file` against `emulator`; client and emulator numbers. */
async function campaign(emulator, file, count) {
  await emulator.reset(count);
  const client = await runScript("./campaign-client.mjs", {
    connectionString: emulator.connectionString,
    hubName: emulator.hubName,
    file,
    concurrency,
  });
  const server = await emulator.stats();
  const ok =
    client.total === count &&
    client.succeeded === count &&
    server.duplicates === 0 &&
    server.lost === 0 &&
    server.foreign === 0;
  log(
    `${count} handles: ${(client.wallMs / 1000).toFixed(1)} s, ${client.requests} requests, ` +
      `${server.requests} at the emulator ${JSON.stringify(server.statuses)}, duplicates ${server.duplicates}, ` +
      `lost ${server.lost}, peak RSS ${mib(client.peakRss)}${ok ? "" : " FAILED"}`,
  );
  return { count, client, server, ok };
}

try {
  const files = { small: join(dir, "small.txt"), big: join(dir, "big.txt") };
  await writeHandlesFile(files.small, small);
  await writeHandlesFile(files.big, big);
  log(`handles files written: ${small} and ${big} lines; quota ${quota} requests/s`);

  const runs = [];
  for (const withQuota of [true, false]) {
    const emulator = await spawnEmulator({ quota: withQuota ? quota : undefined, expect: big });
    try {
      for (const [size, file] of [
        [small, files.small],
        [big, files.big],
      ]) {
        runs.push({
          quota: withQuota ? quota : undefined,
          ...(await campaign(emulator, file, size)),
        });
      }
    } finally {
      await emulator.close();
    }
  }
  const failed = runs.filter((run) => !run.ok);
  if (!smoke) log(`wrote ${writeSection("campaign", report(runs))}`);
  if (failed.length > 0) {
    log(`${failed.length} campaign(s) lost, duplicated or failed handles`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function report(runs) {
  const row = ({ quota: q, count, client, server }) => {
    const minimum = Math.ceil(count / 1000);
    const ideal = q ? minimum / q : undefined;
    const seconds = client.wallMs / 1000;
    const throttled = (server.statuses[429] ?? 0) + (server.statuses[403] ?? 0);
    return `| ${q ? `${q} req/s` : "none"} | ${count.toLocaleString("en")} | ${seconds.toFixed(1)} | ${ideal ? `${ideal.toFixed(1)} (${(seconds / ideal).toFixed(2)}x)` : "-"} | ${client.requests} / ${minimum} | ${server.requests} (${throttled} throttled) | ${client.throttleHolds} | ${server.duplicates} | ${server.lost} | ${Math.round(count / seconds).toLocaleString("en")} | ${Math.round(client.cpuUs / (count / 1000)).toLocaleString("en")} | ${mib(client.peakRss)} / ${mib(client.maxRss)} |`;
  };
  const growth = (q) => {
    const [a, b] = runs.filter((run) => run.quota === q);
    const diff = b.client.peakRss - a.client.peakRss;
    return `${q ? `with the quota` : "without a quota"}: ${mib(b.client.peakRss)} at ${b.count.toLocaleString("en")} handles against ${mib(a.client.peakRss)} at ${a.count.toLocaleString("en")}, a difference of ${mib(diff)} (${diff < 30 * 1024 * 1024 ? "under 30 MiB: yes" : "**NOT under 30 MiB**"})`;
  };
  const [quotaSmall, quotaBig, , freeBig] = runs;
  const qSeconds = quotaBig.client.wallMs / 1000;
  const qIdeal = Math.ceil(quotaBig.count / 1000) / quota;
  const throttled = (quotaBig.server.statuses[429] ?? 0) + (quotaBig.server.statuses[403] ?? 0);
  const clean = runs.every((run) => run.server.duplicates === 0 && run.server.lost === 0);
  const drift = quotaBig.client.peakRss - quotaSmall.client.peakRss;
  const interpretation =
    `With a quota of ${quota} requests/s the campaign took ${(qSeconds / qIdeal).toFixed(2)}x the ideal time ` +
    `(${throttled} throttled answers, each holding the whole client for a \`Retry-After\` of at least 1 s); ` +
    `${clean ? "no handle was lost or delivered twice" : "**handles were lost or duplicated**"}, and client memory ` +
    `${drift < 30 * 1024 * 1024 ? "does not grow with the input" : "**grows with the input**"}. Without a quota ` +
    `${Math.round(freeBig.count / (freeBig.client.wallMs / 1000)).toLocaleString("en")} handles/s at ` +
    `${Math.round(freeBig.client.cpuUs / (freeBig.count / 1000)).toLocaleString("en")} µs of client CPU per 1000 handles; ` +
    "the emulator process (parsing, 1000 deliveries per request) shares the 2 cores and is the limit.";
  return `## Streamed campaign of ${big.toLocaleString("en")} handles from a file (issue 12)

Written by \`pnpm --filter @nhub/bench run bench:campaign\` (\`bench/src/campaign.mjs\`).

${machineLines(loadBefore).join("\n")}
- Setup: a handles file of ${big.toLocaleString("en")} lines (and one of ${small.toLocaleString("en")}) read by \`node:readline\` as an async iterable into \`client.sendBatch("fcmv1", ...)\` (1000 handles per request, concurrency ${concurrency ?? "4 (default)"}, default retry policy), each campaign in a fresh client process; the emulator (\`startEmulator\` in its own process, with and without \`quota: { requestsPerSecond: ${quota} }\`) counts every delivered handle in a byte per handle index.
- "ideal" is handles / 1000 / Q; "requests" is the HTTP requests the client made (\`CampaignResult.requests\`: every attempt, so a chunk refused with 429 and retried counts each attempt) against the minimum (handles / 1000, one request per chunk); "at the emulator" counts every answered request, throttled (429) ones included, and should equal "requests"; "holds" are the client's throttle-gate holds (\`onThrottle\`). CPU is the client process's user + system time during the campaign. Peak RSS is the client process's, sampled every 10 ms / \`resourceUsage().maxRSS\`.

| quota | handles | wall s | ideal s | requests / minimum | at the emulator | holds | duplicates | lost | handles/s | CPU µs / 1000 handles | client peak RSS (sampled / maxRSS) |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
${runs.map(row).join("\n")}

- Client peak RSS, ${growth(quota)}.
- Client peak RSS, ${growth(undefined)}.

**Interpretation:** ${interpretation}
`;
}
