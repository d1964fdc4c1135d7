import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../scripts/entry-points.mjs";

// The built page (docs build, docs/turbo.json) against the program itself: every subcommand and
// every option the program's own help lists must be on the page.
const page = readFileSync(
  join(import.meta.dirname, "../site/documents/The_nhub_command.html"),
  "utf8",
)
  .replace(/<[^>]+>/g, "")
  .replace(/&quot;/g, '"')
  .replace(/&lt;/g, "<")
  .replace(/&gt;/g, ">")
  .replace(/&amp;/g, "&");

function help(...path: string[]): string {
  const out = spawnSync(
    process.execPath,
    [join(repoRoot, "packages/cli/dist/bin.js"), ...path, "--help"],
    {
      encoding: "utf8",
    },
  );
  expect(out.status, out.stderr).toBe(0);
  return out.stdout;
}

const commandsIn = (text: string) =>
  [...(text.split(/^Commands:\n/m)[1] ?? "").matchAll(/^ {2}([a-z][\w-]*)/gm)]
    .map((m) => m[1] as string)
    .filter((name) => name !== "help");
const optionsIn = (text: string) => [...new Set(text.match(/--[a-z][\w-]*/g) ?? [])];

describe("the nhub command reference page", () => {
  it("has every subcommand and option of the program", () => {
    const commands = commandsIn(help());
    expect(commands).toEqual(
      expect.arrayContaining(["send", "emulator", "installations", "registrations"]),
    );
    const paths: string[][] = [];
    for (const c of commands) {
      paths.push([c]);
      for (const sub of commandsIn(help(c))) paths.push([c, sub]);
    }
    expect(paths).toContainEqual(["installations", "put"]);
    let options = 0;
    for (const path of paths) {
      expect(page).toContain(`nhub ${path.join(" ")}`);
      for (const option of optionsIn(help(...path))) {
        expect(page, `${path.join(" ")} ${option}`).toContain(option);
        options++;
      }
    }
    expect(options).toBeGreaterThan(20);
  });
});
