import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractSnippets } from "../scripts/snippets.mjs";

// The vitest example of the "Testing with the emulator" guide (its ```ts vitest block), written to
// a folder inside docs/ (so `@nhub/*` resolve to the built workspace packages) and run by vitest:
// it starts a real emulator, sends through the client and asserts on the delivery.
const docsDir = join(import.meta.dirname, "..");
const work = join(docsDir, `.snippets/guide-vitest-${process.pid}`);
const vitestBin = join(
  dirname(createRequire(import.meta.url).resolve("vitest/package.json")),
  "vitest.mjs",
);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const examples = extractSnippets(
  readFileSync(join(docsDir, "guides/testing-with-the-emulator.md"), "utf8"),
).filter((s: { info: string }) => /\bvitest\b/.test(s.info));

function runVitest(name: string, code: string) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "vitest.config.mjs"),
    'export default { test: { include: ["*.test.ts"] } };\n',
  );
  writeFileSync(join(dir, "guide.test.ts"), code);
  const out = spawnSync(
    process.execPath,
    [vitestBin, "run", "--reporter=json", "--outputFile=result.json"],
    { cwd: dir, encoding: "utf8", timeout: 120_000 },
  );
  const report = JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
  };
  return { status: out.status, report, output: `${out.stdout}\n${out.stderr}` };
}

describe("the guide's vitest example", () => {
  it("is one block", () => {
    expect(examples).toHaveLength(1);
    expect(examples[0]?.code).toContain('from "vitest"');
    expect(examples[0]?.code).toContain('from "@nhub/emulator"');
  });

  it("passes when run with vitest against the emulator", () => {
    const { status, report, output } = runVitest("as-written", examples[0]?.code ?? "");
    expect(status, output).toBe(0);
    expect(report).toMatchObject({ numPassedTests: 1, numFailedTests: 0 });
  });

  it("fails when its expectation does not hold (it really asserts on the delivery)", () => {
    const code = (examples[0]?.code ?? "").replace(
      /toMatchObject\(\[\{ installationId: "phone-1"/,
      'toMatchObject([{ installationId: "phone-2"',
    );
    expect(code).not.toBe(examples[0]?.code);
    const { status, report } = runVitest("changed", code);
    expect(status).not.toBe(0);
    expect(report).toMatchObject({ numPassedTests: 0, numFailedTests: 1 });
  });
});
