import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { childEnv } from "./run-bin.test-helper.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as {
  version: string;
  bin: Record<string, string>;
  files: string[];
};

describe("the nhub bin", () => {
  it("points at a committed launcher (present before any build) that is published", () => {
    const bin = manifest.bin.nhub ?? "";
    expect(bin).toBe("./bin/nhub.mjs");
    expect(bin.startsWith("./dist/")).toBe(false);
    expect(existsSync(`${root}${bin}`)).toBe(true);
    expect(manifest.files).toContain("bin");
  });

  it("runs the built command", () => {
    const run = spawnSync(process.execPath, [`${root}bin/nhub.mjs`, "--version"], {
      env: childEnv(),
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(manifest.version);
  });
});
