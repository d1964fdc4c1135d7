import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { keptSections } from "./results-section.mjs";

const RESULTS = fileURLToPath(new URL("../RESULTS.md", import.meta.url));
const NOTES_START = "<!-- notes:start -->";
const NOTES_END = "<!-- notes:end -->";

/** The median of numbers (NaN for none). */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
const ratio = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : "n/a");
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

/** Medians over the repetitions, per client and concurrency. */
export function summarize(load, clients) {
  const rows = [];
  for (const concurrency of [1, 64]) {
    for (const { id, label } of clients) {
      const runs = load.filter((r) => r.id === id && r.concurrency === concurrency);
      const m = (key) => median(runs.map((r) => r[key]));
      rows.push({
        id,
        label,
        concurrency,
        runs: runs.length,
        sendsPerSec: m("sendsPerSec"),
        p50Ms: m("p50Ms"),
        p99Ms: m("p99Ms"),
        cpuUsPerSend: m("cpuUsPerSend"),
        peakRssBytes: m("peakRssBytes"),
      });
    }
  }
  return rows;
}

function loadTable(rows, concurrency) {
  const at = rows.filter((r) => r.concurrency === concurrency);
  const undici = at.find((r) => r.id === "undici");
  const sdk = at.find((r) => r.id === "azure");
  const lines = [
    "| client | sends/s | p50 ms | p99 ms | CPU µs/send | peak RSS | sends/s vs undici | vs SDK | CPU vs undici | RSS vs undici |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
  ];
  for (const r of at) {
    lines.push(
      `| ${r.label} | ${fmt(r.sendsPerSec)} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} | ${fmt(r.cpuUsPerSend)} | ${mib(r.peakRssBytes)} | ${ratio(r.sendsPerSec, undici?.sendsPerSec)} | ${ratio(r.sendsPerSec, sdk?.sendsPerSec)} | ${ratio(r.cpuUsPerSend, undici?.cpuUsPerSend)} | ${ratio(r.peakRssBytes, undici?.peakRssBytes)} |`,
    );
  }
  return lines.join("\n");
}

/** Issue 6's targets against this run. */
export function targets(raw, rows) {
  const get = (id, c) => rows.find((r) => r.id === id && r.concurrency === c) ?? {};
  const coldOf = (id) => median(raw.cold.filter((r) => r.id === id).map((r) => r.wallMs));
  const bundle = (id) => raw.bundles.find((b) => b.id === id)?.gzipBytes;
  const out = [];
  for (const c of [1, 64]) {
    const n = get("nhub", c);
    const u = get("undici", c);
    out.push([
      `throughput c=${c} >= 0.9x undici`,
      n.sendsPerSec / u.sendsPerSec >= 0.9,
      ratio(n.sendsPerSec, u.sendsPerSec),
    ]);
    out.push([
      `CPU/send c=${c} <= 1.2x undici`,
      n.cpuUsPerSend / u.cpuUsPerSend <= 1.2,
      ratio(n.cpuUsPerSend, u.cpuUsPerSend),
    ]);
    out.push([
      `peak RSS c=${c} <= 1.1x undici`,
      n.peakRssBytes / u.peakRssBytes <= 1.1,
      ratio(n.peakRssBytes, u.peakRssBytes),
    ]);
  }
  out.push([
    "cold start <= 0.7x SDK",
    coldOf("nhub") / coldOf("azure") <= 0.7,
    ratio(coldOf("nhub"), coldOf("azure")),
  ]);
  out.push(["browser bundle <= 4 KB gzip", bundle("nhub-web") <= 4096, kb(bundle("nhub-web"))]);
  out.push(["Node bundle <= 6 KB gzip", bundle("nhub-node") <= 6144, kb(bundle("nhub-node"))]);
  if (raw.install?.nhub) {
    const { packages, bytes } = raw.install.nhub;
    out.push(["install <= 3 packages", packages <= 3, String(packages)]);
    out.push(["install <= 2.5 MiB", bytes <= 2.5 * 1024 * 1024, mib(bytes)]);
  }
  return out;
}

/** Writes RESULTS.md, keeping the hand-written notes section of the previous file. */
export function writeResults(raw, clients) {
  const rows = summarize(raw.load, clients);
  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8") : "";
  const start = previous.indexOf(NOTES_START);
  const end = previous.indexOf(NOTES_END);
  const notes =
    start >= 0 && end > start
      ? previous.slice(start, end + NOTES_END.length)
      : `${NOTES_START}\n## Notes\n\n(none yet)\n${NOTES_END}`;
  // The sections the campaign, observability and delivery-log benches wrote (results-section.mjs).
  const kept = keptSections(previous);
  const { machine, plan } = raw;
  const coldRows = clients.map(({ id, label }) => {
    const walls = raw.cold.filter((r) => r.id === id).map((r) => r.wallMs);
    const sdk = median(raw.cold.filter((r) => r.id === "azure").map((r) => r.wallMs));
    return `| ${label} | ${fmt(median(walls))} | ${fmt(Math.min(...walls))} | ${fmt(Math.max(...walls))} | ${ratio(median(walls), sdk)} |`;
  });
  const install = raw.install?.nhub
    ? [
        "| what | packages | bytes |",
        "|---|--:|--:|",
        `| @nhub/core + @nhub/wns (packed tarballs) | ${raw.install.nhub.packages} | ${mib(raw.install.nhub.bytes)} |`,
        `| @azure/notification-hubs 2.1.0 | ${raw.install.azure.packages} | ${mib(raw.install.azure.bytes)} |`,
      ].join("\n")
    : `Not measured: ${raw.install?.error ?? "skipped (--skip-install)"}`;
  const text = `# nhub benchmark: last full run

Written by \`pnpm bench\` (\`bench/src/run.mjs\`); see README.md for what each number means.

- Machine: ${machine.cpu}, ${machine.cores} cores, Node.js ${machine.node}
- Date: ${machine.date}; load average before the run: ${machine.loadBefore}
- Plan: ${plan.reps} repetitions; each client run in a fresh process, ${plan.phases.warmupMs} ms warm-up then ${plan.phases.durationMs} ms measured; medians over repetitions
- Every run's send count matched the server's count: ${raw.failures.length === 0 ? "yes" : `NO (${raw.failures.length} failures)`}

## Targets (issue 6)

| target | measured | met |
|---|--:|:-:|
${targets(raw, rows)
  .map(([what, ok, value]) => `| ${what} | ${value} | ${ok ? "yes" : "**no**"} |`)
  .join("\n")}

## Throughput, latency, CPU and memory at concurrency 1

${loadTable(rows, 1)}

## Throughput, latency, CPU and memory at concurrency 64

${loadTable(rows, 64)}

## Cold start (fresh process: import, create client, one send; wall time seen by the parent)

| client | median ms | min ms | max ms | vs SDK |
|---|--:|--:|--:|--:|
${coldRows.join("\n")}

## Bundle "send one WNS toast" (esbuild, minified, gzip -9)

| bundle | minified | gzip |
|---|--:|--:|
${raw.bundles.map((b) => `| ${b.name} | ${kb(b.bytes)} | ${kb(b.gzipBytes)} |`).join("\n")}

## Install footprint (npm install into an empty project)

${install}

${kept ? `${kept}\n\n` : ""}${notes}
`;
  writeFileSync(RESULTS, text);
  return RESULTS;
}
