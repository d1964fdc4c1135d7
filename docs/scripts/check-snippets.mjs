// `pnpm docs:check`: type-checks every ```ts block of docs/guides/**/*.md and of every README.md
// (root, docs, packages/*, examples/*), then runs the ```ts runnable ones (scripts/run-snippets.mjs).
// Build the packages first (`pnpm docs:check` does). `node scripts/check-snippets.mjs a.md b.md`
// checks only those files. Exits non-zero on a type error, a failed runnable block, a block in a
// script language it does not check (```tsx, ```js, ... not marked `nocheck`), or when fewer
// blocks were checked than the files hold.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot } from "./entry-points.mjs";
import { runSnippets } from "./run-snippets.mjs";
import { checkSnippets } from "./snippets.mjs";

/** Every Markdown file whose snippets are checked. */
export function snippetFiles() {
  const files = [join(repoRoot, "README.md"), join(repoRoot, "docs/README.md")];
  for (const extra of ["docs/home.md"])
    if (existsSync(join(repoRoot, extra))) files.push(join(repoRoot, extra));
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

/**
 * The ```ts / ```typescript fences of `files`, counted line by line independently of the
 * extractor: what the checker must account for (checked or marked `nocheck`).
 */
export function countTsFences(files) {
  let count = 0;
  for (const file of files)
    count += [
      ...readFileSync(file, "utf8").matchAll(
        /^[ \t]*(?:`{3,}|~{3,})[ \t]*(?:ts|typescript)(?:[ \t][^\n]*)?$/gim,
      ),
    ].length;
  return count;
}

/** Runs the check over `files`; returns the process exit code. */
export function main(files) {
  const pid = process.pid;
  const { checked, skipped, problems } = checkSnippets(files, {
    workDir: join(repoRoot, `docs/.snippets/check-${pid}`),
    root: repoRoot,
  });
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`);
  if (problems.length > 0) {
    console.error(`docs:check: ${problems.length} problem(s) in ${checked} snippets`);
    return 1;
  }
  const expected = countTsFences(files);
  if (checked + skipped !== expected) {
    console.error(
      `docs:check: the files hold ${expected} \`\`\`ts blocks but ${checked} were checked and ${skipped} marked nocheck: a block was not extracted (an unclosed or nested fence?)`,
    );
    return 1;
  }
  console.log(
    `docs:check: ${checked} snippets in ${files.length} files type-check (${skipped} marked nocheck)`,
  );
  const run = runSnippets(files, {
    workDir: join(repoRoot, `docs/.snippets/run-${pid}`),
    root: repoRoot,
  });
  for (const p of run.problems) console.error(`${p.file}:${p.line}: ${p.message}`);
  if (run.problems.length > 0) {
    console.error(`docs:check: ${run.problems.length} of ${run.ran} runnable snippets failed`);
    return 1;
  }
  console.log(`docs:check: ${run.ran} runnable snippets ran against the emulator`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2).map((f) => resolve(f));
  process.exitCode = main(args.length > 0 ? args : snippetFiles());
}
