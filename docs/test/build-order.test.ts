import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publicEntryPoints, repoRoot } from "../scripts/entry-points.mjs";

// The docs build runs the built `nhub` bin (command reference) and documents every public package:
// turbo must build those packages before it, under `pnpm run docs` and under `pnpm test` alike.
function dryRun(): Array<{ taskId: string; dependencies: string[] }> {
  const out = spawnSync(
    process.execPath,
    [
      join(repoRoot, "node_modules/turbo/bin/turbo"),
      "run",
      "build",
      "--filter=@nhub/docs",
      "--dry=json",
    ],
    { cwd: repoRoot, encoding: "utf8", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } },
  );
  expect(out.status, out.stderr).toBe(0);
  return JSON.parse(out.stdout).tasks;
}

describe("the docs build task", () => {
  it("runs after the build of @nhub/cli and of every documented package", () => {
    const docs = dryRun().find((t) => t.taskId === "@nhub/docs#build");
    const documented = [...new Set(publicEntryPoints().map((e) => e.packageName))];
    expect(documented).toEqual(expect.arrayContaining(["@nhub/core", "@nhub/cli"]));
    expect(docs?.dependencies).toEqual(
      expect.arrayContaining(documented.map((name) => `${name}#build`)),
    );
  });

  it("is what `pnpm run docs` runs, dependencies included", () => {
    const root = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
    expect(root.scripts.docs).toMatch(/^turbo run build --filter=@nhub\/docs( |$)/);
  });
});
