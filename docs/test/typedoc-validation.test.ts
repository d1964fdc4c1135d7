import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// TypeDoc run on tiny fixture packages with the site's own validation options (imported from
// typedoc.config.mjs by each fixture's config, not copied), the way scripts/build.mjs runs it.
const docsDir = join(import.meta.dirname, "..");
const typedocBin = join(
  dirname(createRequire(import.meta.url).resolve("typedoc/package.json")),
  "bin/typedoc",
);
const root = mkdtempSync(join(tmpdir(), "nhub-typedoc-fixtures-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function typedoc(name: string, source: string) {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: `fixture-${name}`, version: "1.0.0" }),
  );
  writeFileSync(join(dir, "index.ts"), source);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: "es2022",
        module: "esnext",
        moduleResolution: "bundler",
        types: [],
      },
      include: ["index.ts"],
    }),
  );
  writeFileSync(
    join(dir, "typedoc.config.mjs"),
    [
      `import { validationOptions } from ${JSON.stringify(pathToFileURL(join(docsDir, "typedoc.config.mjs")).href)};`,
      "export default {",
      "  ...validationOptions,",
      '  entryPoints: ["./index.ts"],',
      '  tsconfig: "./tsconfig.json",',
      '  out: "./site",',
      '  readme: "none",',
      `  packagesRequiringDocumentation: [${JSON.stringify(`fixture-${name}`)}],`,
      "};",
    ].join("\n"),
  );
  const out = spawnSync(process.execPath, [typedocBin, "--options", "typedoc.config.mjs"], {
    cwd: dir,
    encoding: "utf8",
  });
  return { status: out.status, output: `${out.stdout}\n${out.stderr}` };
}

const documented = [
  "/** Adds two numbers; see {@link sub} for the other way. */",
  "export function add(a: number, b: number): number {",
  "  return a + b;",
  "}",
  "/** Subtracts `b` from `a`. */",
  "export function sub(a: number, b: number): number {",
  "  return a - b;",
  "}",
  "",
].join("\n");

describe("the docs build's TypeDoc validation", () => {
  it("passes a fixture whose exports are documented and whose links resolve", () => {
    const { status, output } = typedoc("control", documented);
    expect(status, output).toBe(0);
    expect(output).toContain("html generated");
  });

  it("fails on an undocumented export", () => {
    const { status, output } = typedoc(
      "undocumented",
      documented.replace("/** Subtracts `b` from `a`. */\n", ""),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/sub.*does not have any documentation/);
  });

  it("fails on a broken {@link}", () => {
    const { status, output } = typedoc(
      "broken-link",
      documented.replace("{@link sub}", "{@link subtract}"),
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/Failed to resolve link to "subtract"/);
  });
});
