// The benchmark: `node src/run.mjs` (full, writes RESULTS.md) or `--smoke` (CI: counts only).
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { measureScenarios } from "./bundles.mjs";
import { CLIENTS, runClient } from "./child.mjs";
import { measureInstall } from "./install.mjs";
import { median, writeResults } from "./report.mjs";
import { connectionString } from "./scenario.mjs";
import { startBenchServer } from "./server.mjs";
import { makeCertificates } from "./tls.mjs";

const { values: args } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    reps: { type: "string" },
    "skip-install": { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    clients: { type: "string" },
  },
});
const smoke = args.smoke;
const plan = smoke
  ? { reps: 1, coldRuns: 1, phases: { warmup: 50, total: 300 } }
  : { reps: Number(args.reps ?? 5), coldRuns: 7, phases: { warmupMs: 1500, durationMs: 3000 } };
const clients = CLIENTS.filter((c) => !args.clients || args.clients.split(",").includes(c.id));
const resultsDir = new URL("../.results/", import.meta.url);
mkdirSync(resultsDir, { recursive: true });
const profileDir = args.profile ? new URL("profiles/", resultsDir).pathname : undefined;

const failures = [];
const certs = makeCertificates();
const server = await startBenchServer(certs);
const base = { connectionString: connectionString(server.origin) };
const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  node: process.version,
  date: new Date().toISOString(),
  loadBefore: loadavg()
    .map((n) => n.toFixed(2))
    .join(" "),
};

/** Runs one client process and checks that the server saw exactly the sends it made. */
async function measured(id, config, label) {
  server.reset();
  let result;
  try {
    result = await runClient(id, { ...base, ...config }, { caPath: certs.caPath, profileDir });
  } catch (error) {
    failures.push(`${label}: ${error.message}`);
    return undefined;
  }
  const { accepted, refused, lastRefusal } = server.stats;
  if (result.errors > 0)
    failures.push(`${label}: ${result.errors} failed sends: ${result.firstError}`);
  if (refused > 0) failures.push(`${label}: server refused ${refused} requests (${lastRefusal})`);
  if (accepted !== result.sends) {
    failures.push(`${label}: client made ${result.sends} sends, server accepted ${accepted}`);
  }
  return result;
}

const load = [];
try {
  for (let rep = 0; rep < plan.reps; rep++) {
    for (const concurrency of [1, 64]) {
      // Rotate the order so no client always runs first (or right after another one).
      const order = clients.map((_, i) => clients[(i + rep) % clients.length]);
      for (const { id } of order) {
        const label = `${id} c=${concurrency} rep ${rep + 1}`;
        const result = await measured(id, { mode: "load", concurrency, ...plan.phases }, label);
        if (result) load.push({ id, concurrency, rep, ...result });
        process.stderr.write(
          `${label}: ${result ? `${Math.round(result.sendsPerSec)} sends/s, ${Math.round(result.cpuUsPerSend)} µs CPU/send` : "FAILED"}\n`,
        );
      }
    }
  }
  const cold = [];
  for (let run = 0; run < plan.coldRuns; run++) {
    for (const { id } of clients) {
      const result = await measured(id, { mode: "cold" }, `${id} cold start ${run + 1}`);
      if (result) cold.push({ id, run, wallMs: result.wallMs });
    }
  }
  process.stderr.write(
    `cold start medians: ${clients.map(({ id }) => `${id} ${median(cold.filter((r) => r.id === id).map((r) => r.wallMs)).toFixed(0)} ms`).join(", ")}\n`,
  );
  if (!smoke) {
    const bundles = (await measureScenarios()).map(({ code: _code, ...size }) => size);
    let install;
    if (!args["skip-install"]) {
      try {
        install = measureInstall("2.1.0");
      } catch (error) {
        install = { error: String(error?.stderr || error?.message || error).slice(0, 400) };
      }
    }
    const raw = { machine, plan, load, cold, bundles, install, failures };
    writeFileSync(new URL("last-run.json", resultsDir), JSON.stringify(raw, null, 2));
    const path = writeResults(raw, clients);
    process.stderr.write(`wrote ${path}\n`);
  }
} finally {
  await server.close();
  certs.dispose();
}

if (failures.length > 0) {
  process.stderr.write(`\nFAILED (${failures.length}):\n${failures.join("\n")}\n`);
  process.exit(1);
}
process.stderr.write(`${smoke ? "smoke run" : "benchmark"}: all send counts matched\n`);
