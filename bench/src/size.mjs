// Size budgets CI enforces: every public ESM entry point of every publishable package, and the
// two "send one WNS toast" scenarios; plus the web bundle must be runtime-neutral and run
// without a DOM. `node src/size.mjs` (exit 1 on any failure).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createContext, runInContext } from "node:vm";
import { Agent, fetch as undiciFetch } from "undici";
import { bundle, SCENARIOS, webBundleProblem } from "./bundles.mjs";
import { connectionString, HUB, TOAST } from "./scenario.mjs";
import { startBenchServer } from "./server.mjs";
import { makeCertificates } from "./tls.mjs";

const PACKAGES = fileURLToPath(new URL("../../packages/", import.meta.url));
const BUDGETS = JSON.parse(readFileSync(new URL("../size-budgets.json", import.meta.url), "utf8"));
/**
 * Issue 6's targets for the scenarios. They are reported, not enforced: the budgets hold today's
 * sizes so that any growth fails CI (see bench/RESULTS.md for why the targets are missed).
 */
const TARGETS = {
  "scenario: send one WNS toast (browser)": 4096,
  "scenario: send one WNS toast (node)": 6144,
};

/** ESM files of an exports map, with whether they are the `node` variant. */
function esmEntries(exportsMap) {
  const out = [];
  const walk = (value, conditions, subpath) => {
    if (typeof value === "string") {
      if (
        /\.m?js$/.test(value) &&
        !conditions.includes("require") &&
        !conditions.includes("types")
      ) {
        out.push({ subpath, file: value, node: conditions.includes("node") });
      }
      return;
    }
    for (const [key, inner] of Object.entries(value ?? {}))
      walk(inner, [...conditions, key], subpath);
  };
  for (const [subpath, value] of Object.entries(exportsMap ?? {})) {
    if (subpath !== "./package.json") walk(value, [], subpath);
  }
  return out;
}

const failures = [];
const notes = [];
const rows = [];
function check(name, gzipBytes) {
  const budget = BUDGETS[name];
  if (budget === undefined) {
    failures.push(
      `${name}: no budget in bench/size-budgets.json (now ${gzipBytes} B gzip); add one`,
    );
  } else if (gzipBytes > budget) {
    failures.push(`${name}: ${gzipBytes} B gzip exceeds its budget of ${budget} B`);
  }
  if (TARGETS[name] !== undefined && gzipBytes > TARGETS[name]) {
    notes.push(`${name}: ${gzipBytes} B gzip misses issue 6's target of ${TARGETS[name]} B`);
  }
  rows.push(
    `${gzipBytes <= (budget ?? -1) ? "ok  " : "FAIL"} ${String(gzipBytes).padStart(7)} / ${String(budget ?? "-").padStart(7)} B  ${name}`,
  );
}

for (const dir of readdirSync(PACKAGES).sort()) {
  const manifestPath = join(PACKAGES, dir, "package.json");
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  if (manifest.private) continue;
  const entries = esmEntries(manifest.exports);
  const variants = (subpath) => entries.filter((e) => e.subpath === subpath).length;
  for (const { subpath, file, node } of entries) {
    const name = `${manifest.name}${subpath.slice(1)}${variants(subpath) > 1 ? (node ? " (node)" : " (web)") : ""}`;
    const entry = join(PACKAGES, dir, file);
    if (!existsSync(entry)) {
      failures.push(`${name}: ${entry} is missing; build the package first`);
      continue;
    }
    const { gzipBytes } = await bundle({
      entry,
      platform: node ? "node" : "neutral",
      packagesExternal: true,
    });
    check(name, gzipBytes);
  }
}

let webCode = "";
for (const scenario of SCENARIOS.filter((s) => s.id.startsWith("nhub"))) {
  const result = await bundle(scenario);
  const web = scenario.id.endsWith("-web");
  const full = scenario.id.includes("-full-") ? ", createClient" : "";
  check(`scenario: send one WNS toast${full} (${web ? "browser" : "node"})`, result.gzipBytes);
  if (web) {
    webCode += result.code;
    const problem = webBundleProblem(result.code);
    if (problem) failures.push(`the browser/worker bundle ${problem}`);
  }
}

// The web bundle must run with no DOM and no Node globals: a bare V8 context holding only
// what a browser or edge worker offers, sending one toast to the loopback hub.
const certs = makeCertificates();
const server = await startBenchServer(certs);
const dispatcher = new Agent({ connect: { ca: certs.ca } });
try {
  const iife = await bundle({
    ...SCENARIOS.find((s) => s.id === "nhub-web"),
    format: "iife",
    globalName: "nhubBench",
  });
  const context = createContext({
    fetch: (url, init) => undiciFetch(url, { ...init, dispatcher }),
    crypto: globalThis.crypto,
    TextEncoder,
    TextDecoder,
    URL,
    AbortController,
    AbortSignal,
    setTimeout,
    clearTimeout,
    btoa,
    atob,
    console,
  });
  runInContext(iife.code, context, { filename: "nhub-web-bundle.js" });
  const result = await runInContext("nhubBench.sendToast", context)(
    connectionString(server.origin),
    HUB,
    TOAST,
  );
  if (server.stats.accepted !== 1 || !result?.notificationId) {
    failures.push(
      `the browser bundle's send in a bare V8 context reached the server ${server.stats.accepted} times (expected 1)`,
    );
  } else {
    rows.push(
      `ok   browser bundle ran in a bare V8 context (no DOM, no Node globals) and sent 1 toast`,
    );
  }
} catch (error) {
  failures.push(`the browser bundle failed in a bare V8 context: ${error?.stack ?? error}`);
} finally {
  await dispatcher.close();
  await server.close();
  certs.dispose();
}
if (webCode.length === 0) failures.push("no browser bundle was built");

process.stdout.write(`${rows.join("\n")}\n`);
if (notes.length > 0) process.stdout.write(`\nnot yet met:\n${notes.join("\n")}\n`);
if (failures.length > 0) {
  process.stderr.write(`\nsize check FAILED:\n${failures.join("\n")}\n`);
  process.exit(1);
}
process.stdout.write("size check passed\n");
