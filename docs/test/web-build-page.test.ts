import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../scripts/entry-points.mjs";

// The reference documents @nhub/core's `node` condition; this page documents what the web build
// (every other condition) leaves out. Its list is checked against the two builds' own exports.
const coreDir = join(repoRoot, "packages/core");
const manifest = JSON.parse(readFileSync(join(coreDir, "package.json"), "utf8"));

function exportNames(types: string): Set<string> {
  const entry = join(coreDir, types);
  const program = ts.createProgram([entry], { skipLibCheck: true, noEmit: true, types: [] });
  const file = program.getSourceFile(entry);
  const symbol = file && program.getTypeChecker().getSymbolAtLocation(file);
  if (!symbol) throw new Error(`${entry}: not a module (build @nhub/core first)`);
  return new Set(
    program
      .getTypeChecker()
      .getExportsOfModule(symbol)
      .map((s) => s.name),
  );
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("the web build page", () => {
  const page = text(
    readFileSync(join(import.meta.dirname, "../site/documents/The_web_build.html"), "utf8"),
  );

  it("names every export the web build leaves out", () => {
    const node = exportNames(manifest.exports["."].node.import.types);
    const web = exportNames(manifest.exports["."].import.types);
    const onlyNode = [...node].filter((name) => !web.has(name));
    expect(onlyNode).toContain("createUndiciTransport");
    expect([...web].filter((name) => !node.has(name))).toEqual([]);
    for (const name of onlyNode) expect(page, name).toContain(name);
  });

  it("says which conditions get which build, and what behaves differently", () => {
    expect(page).toContain("The web build of @nhub/core");
    for (const condition of ["node", "import", "require"]) expect(page).toContain(condition);
    for (const difference of ["dispatcher", "connections", "nhub:operation", "requestSent: true"])
      expect(page).toContain(difference);
  });

  it("is linked from the home page", () => {
    const home = readFileSync(join(import.meta.dirname, "../site/index.html"), "utf8");
    expect(home).toContain('href="documents/The_web_build.html"');
  });
});
