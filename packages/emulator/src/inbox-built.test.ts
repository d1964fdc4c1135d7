// The built package finds its inbox/ folder from both of its builds: dist/index.js (ESM, through
// import.meta.url) and dist/index.cjs (CommonJS, through __dirname, where import.meta is empty).
// Each runs in its own node process, as an app that imports or requires @nhub/emulator would.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

/** Starts an emulator from `load`, fetches the page and its script, prints status and type. */
const probe = (load: string) => `${load}
const emulator = await startEmulator({ hubs: ["demo"] });
try {
  const out = [];
  for (const path of ["_nhub/", "_nhub/inbox.js"]) {
    const answer = await fetch(new URL(path, emulator.url));
    out.push({ path, status: answer.status, type: answer.headers.get("content-type"), size: (await answer.text()).length });
  }
  console.log(JSON.stringify(out));
} finally {
  await emulator.close();
}`;

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { cwd: DIST, timeout: 20_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    ),
  );
}

describe("the built package serves the inbox page", () => {
  if (!existsSync(`${DIST}index.cjs`)) throw new Error("dist/ is missing: run `npx tsup` first");
  it.each([
    [
      "ESM (import)",
      ["--input-type=module", "-e", probe('import { startEmulator } from "./index.js";')],
    ],
    [
      "CommonJS (require)",
      ["-e", `(async () => {${probe('const { startEmulator } = require("./index.cjs");')}})()`],
    ],
  ])("%s", async (_name, args) => {
    const pages = JSON.parse(await run(args)) as { status: number; type: string; size: number }[];
    expect(pages.map((p) => [p.status, p.type.split(";")[0]])).toEqual([
      [200, "text/html"],
      [200, "text/javascript"],
    ]);
    for (const page of pages) expect(page.size).toBeGreaterThan(100);
  });
});
