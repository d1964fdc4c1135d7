// `pnpm docs:check`: type-checks every ```ts block of docs/guides/**/*.md and of every README.md
// (root, docs, packages/*, examples/*), then runs the ```ts runnable ones (scripts/run-snippets.mjs). Build the packages first (`pnpm docs:check` does).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./entry-points.mjs";
import { runSnippets } from "./run-snippets.mjs";
import { checkSnippets } from "./snippets.mjs";

/** Every Markdown file whose snippets are checked. */
export function snippetFiles() {
  const files = [join(repoRoot, "README.md"), join(repoRoot, "docs/README.md")];
  const guides = join(repoRoot, "docs/guides");
  for (const name of readdirSync(guides, { recursive: true }).sort())
    if (name.endsWith(".md")) files.push(join(guides, name));
  for (const group of ["packages", "examples"]) {
    for (const dir of readdirSync(join(repoRoot, group)).sort()) {
      const readme = join(repoRoot, group, dir, "README.md");
      if (existsSync(readme)) files.push(readme);
    }
  }
  return files;
}

const { checked, problems } = checkSnippets(snippetFiles(), {
  workDir: join(repoRoot, "docs/.snippets/check"),
  root: repoRoot,
});
for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`);
if (problems.length > 0) {
  console.error(`docs:check: ${problems.length} type error(s) in ${checked} snippets`);
  process.exit(1);
}
console.log(`docs:check: ${checked} snippets type-check`);
const run = runSnippets(snippetFiles(), {
  workDir: join(repoRoot, "docs/.snippets/run"),
  root: repoRoot,
});
for (const p of run.problems) console.error(`${p.file}:${p.line}: ${p.message}`);
if (run.problems.length > 0) {
  console.error(`docs:check: ${run.problems.length} of ${run.ran} runnable snippets failed`);
  process.exit(1);
}
console.log(`docs:check: ${run.ran} runnable snippets ran against the emulator`);
