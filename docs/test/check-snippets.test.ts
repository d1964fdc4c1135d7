import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSnippets } from "../scripts/run-snippets.mjs";
import { checkSnippets, extractSnippets, scanSnippets } from "../scripts/snippets.mjs";

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
    expect(check("good.md", good)).toEqual({ checked: 1, skipped: 0, problems: [] });
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
    expect(check("prelude.md", md)).toEqual({ checked: 1, skipped: 1, problems: [] });
  });

  it("checks every ts block, indented in a list, ~~~ fenced or with a longer fence, and no other", () => {
    const md = [
      "```ts",
      "const a: number = 1;",
      "```",
      "- a step:",
      "",
      "  ```ts",
      "  const b: string = 'b';",
      "  ```",
      "~~~typescript",
      "const c = 3;",
      "~~~",
      "````ts",
      "const d = 4;",
      "````",
      "````md",
      "```ts",
      "this is Markdown shown as text, not a snippet",
      "```",
      "````",
      "```sh",
      "ls",
      "```",
    ].join("\n");
    const { snippets, skipped, unsupported } = scanSnippets(md);
    expect(snippets.map((s) => [s.line, s.code])).toEqual([
      [2, "const a: number = 1;\n"],
      [7, "const b: string = 'b';\n"],
      [10, "const c = 3;\n"],
      [13, "const d = 4;\n"],
    ]);
    expect([skipped, unsupported]).toEqual([0, []]);
    expect(check("count.md", md)).toEqual({ checked: 4, skipped: 0, problems: [] });
    const typo = md.replace("const b: string = 'b';", "const b: string = 2;");
    expect(check("count-typo.md", typo).problems).toMatchObject([
      { file: "count-typo.md", line: 7 },
    ]);
  });

  it("fails a block in a script language it does not check, unless marked nocheck", () => {
    const blocks = ["tsx", "mts", "js", "javascript"].flatMap((lang) => [
      `\`\`\`${lang}`,
      "const x = 1;",
      "```",
      `\`\`\`${lang} nocheck`,
      "const y = 2;",
      "```",
    ]);
    const { checked, skipped, problems } = check("languages.md", blocks.join("\n"));
    expect([checked, skipped]).toEqual([0, 4]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [1, "a ```tsx block is not type-checked: write it as ```ts, or mark it ```tsx nocheck"],
      [7, "a ```mts block is not type-checked: write it as ```ts, or mark it ```mts nocheck"],
      [13, "a ```js block is not type-checked: write it as ```ts, or mark it ```js nocheck"],
      [
        19,
        "a ```javascript block is not type-checked: write it as ```ts, or mark it ```javascript nocheck",
      ],
    ]);
  });

  it("docs:check (the command) exits non-zero on a type error or an unchecked block, zero when all pass", () => {
    const cli = (name: string, markdown: string) => {
      const file = join(mdDir, name);
      writeFileSync(file, markdown);
      return spawnSync(process.execPath, [join(docsDir, "scripts/check-snippets.mjs"), file], {
        cwd: docsDir,
        encoding: "utf8",
      });
    };
    const passed = cli("cli-good.md", good);
    expect(passed.status, passed.stderr).toBe(0);
    expect(passed.stdout).toContain("docs:check: 1 snippets in 1 files type-check");
    const failed = cli("cli-bad.md", good.replace('hubName: "h"', "hubName: 42"));
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/cli-bad\.md:5: .*number.*string/);
    const tsx = cli("cli-tsx.md", `${good}\n\`\`\`tsx\nconst a = <b />;\n\`\`\`\n`);
    expect(tsx.status).toBe(1);
    expect(tsx.stderr).toMatch(/cli-tsx\.md:9: a ```tsx block is not type-checked/);
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
