import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { TAG_EXPRESSION } from "./scenario.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));

/** "Send one WNS toast" with nhub; `factory` is `createSendClient` (send-only) or `createClient`. */
const nhubScenario = (factory) => `
import { ${factory} } from "@nhub/core";
import { wns } from "@nhub/wns";
export async function sendToast(connectionString, hubName, toast) {
  const client = ${factory}({ connectionString, hubName, adapters: [wns()] });
  try {
    return await client.send("windows", toast, { tagExpression: ${JSON.stringify(TAG_EXPRESSION)} });
  } finally {
    await client.close();
  }
}`;
const NHUB_SCENARIO = nhubScenario("createSendClient");
const NHUB_FULL_SCENARIO = nhubScenario("createClient");

const AZURE_SCENARIO = `
import { createClientContext, sendNotification } from "@azure/notification-hubs/api";
import { createWindowsToastNotification } from "@azure/notification-hubs/models";
export function sendToast(connectionString, hubName, toast) {
  const context = createClientContext(connectionString, hubName);
  return sendNotification(context, createWindowsToastNotification({ body: toast }), {
    tagExpression: ${JSON.stringify(TAG_EXPRESSION)},
  });
}`;

/**
 * The "send one WNS toast" scenarios. `web` bundles resolve without the `node` condition (the
 * fetch transport); `node` bundles leave only undici external (nhub's one runtime dependency).
 * `nhub-*` use the send-only client (`createSendClient`, the documented way to send from a
 * bundle that must stay small); `nhub-full-*` the client with every operation (`createClient`).
 */
export const SCENARIOS = [
  { name: "nhub, browser/worker", id: "nhub-web", source: NHUB_SCENARIO, platform: "browser" },
  {
    name: "nhub, Node (undici external)",
    id: "nhub-node",
    source: NHUB_SCENARIO,
    platform: "node",
    external: ["undici"],
  },
  {
    name: "nhub createClient, browser/worker",
    id: "nhub-full-web",
    source: NHUB_FULL_SCENARIO,
    platform: "browser",
  },
  {
    name: "nhub createClient, Node (undici external)",
    id: "nhub-full-node",
    source: NHUB_FULL_SCENARIO,
    platform: "node",
    external: ["undici"],
  },
  {
    name: "@azure/notification-hubs, browser",
    id: "azure-web",
    source: AZURE_SCENARIO,
    platform: "browser",
  },
  {
    name: "@azure/notification-hubs, Node",
    id: "azure-node",
    source: AZURE_SCENARIO,
    platform: "node",
  },
];

/** Bundles ESM source (or a file) with esbuild, minified; returns the code and its sizes. */
export async function bundle({
  source,
  entry,
  platform,
  external = [],
  format = "esm",
  globalName,
  packagesExternal = false,
}) {
  const result = await build({
    ...(entry
      ? { entryPoints: [entry] }
      : { stdin: { contents: source, resolveDir: HERE, loader: "js" } }),
    bundle: true,
    minify: true,
    write: false,
    format,
    globalName,
    platform,
    target: "es2022",
    external,
    ...(packagesExternal ? { packages: "external" } : {}),
    legalComments: "none",
    logLevel: "silent",
    define: platform === "browser" ? { "process.env.NODE_ENV": '"production"' } : {},
  });
  const code = result.outputFiles[0].text;
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** Sizes of every scenario (the official SDK's too when `withAzure`). */
export async function measureScenarios({ withAzure = true } = {}) {
  const out = [];
  for (const scenario of SCENARIOS) {
    if (!withAzure && scenario.id.startsWith("azure")) continue;
    const { code, bytes, gzipBytes } = await bundle(scenario);
    out.push({ id: scenario.id, name: scenario.name, bytes, gzipBytes, code });
  }
  return out;
}

/** Why a web bundle is not runtime-neutral (undici or a node: import in it), or undefined. */
export function webBundleProblem(code) {
  if (/undici/i.test(code)) return "contains undici";
  const nodeImport = /(?:from|import|require)\s*\(?\s*["'](node:[\w/]+)["']/.exec(code);
  if (nodeImport) return `imports ${nodeImport[1]}`;
  return undefined;
}
