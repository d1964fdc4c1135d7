import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSnippets } from "../scripts/run-snippets.mjs";
import { checkSnippets, extractSnippets } from "../scripts/snippets.mjs";

const docsDir = join(import.meta.dirname, "..");
const mdDir = mkdtempSync(join(tmpdir(), "nhub-snippets-"));
afterAll(() => rmSync(mdDir, { recursive: true, force: true }));

function check(name: string, markdown: string) {
  const file = join(mdDir, name);
  writeFileSync(file, markdown);
  return checkSnippets([file], { workDir: join(docsDir, `.snippets/test-${name}`), root: mdDir });
}

const good = [
  "# Good",
  "",
  "```ts",
  'import { createClient } from "@nhub/core";',
  'const client = createClient({ connectionString: process.env.NH_CONNECTION_STRING ?? "", hubName: "h" });',
  "await client.close();",
  "```",
  "",
].join("\n");

describe("docs:check snippets", () => {
  it("passes a snippet that type-checks against the workspace packages", () => {
    expect(check("good.md", good)).toEqual({ checked: 1, problems: [] });
  });

  it("fails a snippet with a type error, naming the Markdown line", () => {
    const bad = good.replace('hubName: "h"', "hubName: 42");
    const { checked, problems } = check("bad.md", bad);
    expect(checked).toBe(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "bad.md", line: 5 });
    expect(problems[0]?.message).toMatch(/number.*string/);
  });

  it("skips ```ts nocheck blocks and applies a prelude comment", () => {
    const md = [
      "```ts nocheck",
      "const x: number = 'no';",
      "```",
      "<!-- docs:check prelude: declare const client: { close(): Promise<void> }; -->",
      "```ts",
      "await client.close();",
      "```",
    ].join("\n");
    expect(extractSnippets(md)).toHaveLength(1);
    expect(check("prelude.md", md)).toEqual({ checked: 1, problems: [] });
  });

  it("runs ```ts runnable blocks against the emulator and fails one that throws", () => {
    const md = (check: string) =>
      [
        "# Runnable",
        "",
        "```ts runnable",
        'import { startEmulator } from "@nhub/emulator";',
        "const emulator = await startEmulator();",
        `const ok: boolean = ${check};`,
        "await emulator.close();",
        'if (!ok) throw new Error("the emulator has deliveries");',
        "```",
        "",
      ].join("\n");
    const run = (name: string, markdown: string) => {
      const file = join(mdDir, name);
      writeFileSync(file, markdown);
      return runSnippets([file], { workDir: join(docsDir, `.snippets/run-${name}`), root: mdDir });
    };
    expect(run("pass.md", md("emulator.deliveries().length === 0"))).toEqual({
      ran: 1,
      problems: [],
    });
    const failed = run("fail.md", md("emulator.deliveries().length === 1"));
    expect(failed.ran).toBe(1);
    expect(failed.problems).toHaveLength(1);
    expect(failed.problems[0]).toMatchObject({ file: "fail.md", line: 4 });
    expect(failed.problems[0]?.message).toMatch(/the emulator has deliveries/);
  });
});
