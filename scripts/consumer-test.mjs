#!/usr/bin/env node
// Consumer test: packs every public package as it will be published (`pnpm pack`), installs the
// tarballs with plain npm into an empty project outside the workspace, and runs there an ESM
// script, a CommonJS script and `tsc` (node16 and bundler resolution) that send through the
// emulator, manage an installation and list registrations. Run after `pnpm build`.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(join(tmpdir(), "nhub-consumer-"));
const packs = join(work, "packs");
const app = join(work, "app");
mkdirSync(packs);
mkdirSync(app);

function run(command, args, cwd) {
  console.log(`$ ${command} ${args.join(" ")}   (in ${cwd})`);
  execFileSync(command, args, {
    cwd,
    stdio: "inherit",
    env: { ...process.env, npm_config_yes: "true" },
  });
}

const packagesDir = join(root, "packages");
const publics = readdirSync(packagesDir)
  .map((name) => join(packagesDir, name))
  .filter((dir) => {
    try {
      return !JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).private;
    } catch {
      return false;
    }
  });
for (const dir of publics) run("npx", ["-y", "pnpm@10", "pack", "--pack-destination", packs], dir);
const tarballs = readdirSync(packs).filter((name) => name.endsWith(".tgz"));

// Every packed manifest must be installable by npm: no workspace: protocol left.
for (const tarball of tarballs) {
  const manifest = execFileSync("tar", ["-xOzf", join(packs, tarball), "package/package.json"], {
    encoding: "utf8",
  });
  if (manifest.includes("workspace:")) {
    throw new Error(`${tarball}: package.json still has a workspace: dependency`);
  }
}

writeFileSync(
  join(app, "package.json"),
  JSON.stringify({ name: "consumer", private: true, version: "0.0.0" }),
);
run(
  "npm",
  [
    "install",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
    ...tarballs.map((t) => join(packs, t)),
    "typescript@5.9",
  ],
  app,
);

const esm = `
import { strict as assert } from "node:assert";
import { createClient } from "@nhub/core";
import { wns } from "@nhub/wns";
import { createOrUpdateInstallation, getInstallation, deleteInstallation, listRegistrations } from "@nhub/management";
import { startEmulator } from "@nhub/emulator";

const emulator = await startEmulator({ installations: [{ installationId: "w1", platform: "wns", pushChannel: "https://wns.example/1", tags: ["news"] }] });
const client = createClient({ connectionString: emulator.connectionString, hubName: emulator.hubName, adapters: [wns()] });
const sent = await client.send("windows", "<toast><visual><binding template=\\"ToastGeneric\\"><text>Hi</text></binding></visual></toast>", { tags: ["news"] });
assert.ok(sent.notificationId);
assert.equal(emulator.deliveries().length, 1);
await createOrUpdateInstallation(client, { installationId: "a1", platform: "apns", pushChannel: "00fc13adff785122b4ad28809a3420982341241421348097878e577c991de8f0", tags: ["sports"] });
const installation = await getInstallation(client, "a1");
assert.deepEqual(installation.tags, ["sports"]);
await deleteInstallation(client, "a1");
const registrations = [];
for await (const registration of listRegistrations(client)) registrations.push(registration);
assert.ok(Array.isArray(registrations));
await client.close();
await emulator.close();
console.log("esm ok");
`;
const cjs = `
const assert = require("node:assert/strict");
const { createClient } = require("@nhub/core");
const { apns } = require("@nhub/apns");
const { listRegistrations, createOrUpdateInstallation } = require("@nhub/management");
const { startEmulator } = require("@nhub/emulator");

(async () => {
  const emulator = await startEmulator();
  const client = createClient({ connectionString: emulator.connectionString, hubName: emulator.hubName, adapters: [apns()] });
  await createOrUpdateInstallation(client, { installationId: "i1", platform: "apns", pushChannel: "00fc13adff785122b4ad28809a3420982341241421348097878e577c991de8f0", tags: ["a"] });
  const sent = await client.send("apple", { aps: { alert: "Hi" } }, { tags: ["a"] });
  assert.ok(sent.notificationId);
  assert.equal(emulator.deliveries().length, 1);
  const kinds = [];
  for await (const registration of listRegistrations(client)) kinds.push(registration.kind);
  assert.ok(Array.isArray(kinds));
  await client.close();
  await emulator.close();
  console.log("cjs ok");
})().catch((error) => { console.error(error); process.exit(1); });
`;
const ts = `
import { createClient, type NotificationHubClient } from "@nhub/core";
import { wns } from "@nhub/wns";
import { createOrUpdateInstallation, createOrUpdateRegistration, createRegistrationId, listRegistrations } from "@nhub/management";
import { startEmulator, type Emulator } from "@nhub/emulator";

export async function main(): Promise<number> {
  const emulator: Emulator = await startEmulator();
  const client: NotificationHubClient = createClient({ connectionString: emulator.connectionString, hubName: emulator.hubName, adapters: [wns()] });
  await createOrUpdateInstallation(client, { installationId: "t1", platform: "wns", pushChannel: "https://wns.example/t", tags: ["x"] });
  const result = await client.send("windows", "<badge value=\\"3\\"/>", { tags: ["x"] });
  const registrationId = await createRegistrationId(client);
  await createOrUpdateRegistration(client, { kind: "windows", registrationId, channelUri: "https://wns.example/r", tags: ["x"] });
  let count = 0;
  for await (const registration of listRegistrations(client)) if (registration.registrationId === registrationId) count += 1;
  await client.close();
  await emulator.close();
  if (count < 1) throw new Error("the registration just created is not listed");
  return result.notificationId ? 1 : 0;
}
`;
writeFileSync(join(app, "esm.mjs"), esm);
writeFileSync(join(app, "cjs.cjs"), cjs);
writeFileSync(join(app, "main.ts"), ts);
writeFileSync(join(app, "main.mts"), ts);
const tsconfig = (module, moduleResolution, file, outDir) =>
  JSON.stringify({
    compilerOptions: {
      target: "es2022",
      module,
      moduleResolution,
      strict: true,
      skipLibCheck: false,
      types: [],
      ...(outDir ? { outDir } : { noEmit: true }),
    },
    files: [file],
  });
writeFileSync(join(app, "tsconfig.node16.json"), tsconfig("node16", "node16", "main.mts", "out"));
writeFileSync(join(app, "tsconfig.bundler.json"), tsconfig("esnext", "bundler", "main.ts"));

run(process.execPath, ["esm.mjs"], app);
run(process.execPath, ["cjs.cjs"], app);
run(
  process.execPath,
  [join(app, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.node16.json"],
  app,
);
run(
  process.execPath,
  [join(app, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.bundler.json"],
  app,
);
// The node16 build was emitted: run it, so the typed program also sends through the emulator.
run(
  process.execPath,
  [
    "--input-type=module",
    "-e",
    'const { main } = await import("./out/main.mjs"); if ((await main()) !== 1) process.exit(1); console.log("tsc node16 build ok");',
  ],
  app,
);
if (process.env.KEEP_CONSUMER !== "1") rmSync(work, { recursive: true, force: true });
console.log(`consumer test passed (${tarballs.length} packages)`);
