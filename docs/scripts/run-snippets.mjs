// Runs the ```ts runnable blocks of Markdown files: each is transpiled with the TypeScript
// compiler (types were checked by snippets.mjs) to an ES module under `workDir` (inside docs/, so
// `@nhub/*` resolve to the built workspace packages) and run with node. A snippet gets no hub: it
// starts what it needs itself (`startEmulator()` from `@nhub/emulator`). A non-zero exit, a throw
// or a run over `timeoutMs` is a problem naming the Markdown line.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { extractSnippets } from "./snippets.mjs";

/** `{ ran, problems: [{ file, line, message }] }` for the runnable blocks of `files`. */
export function runSnippets(files, { workDir, root, timeoutMs = 60_000 }) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const problems = [];
  let ran = 0;
  files.forEach((file, f) => {
    extractSnippets(readFileSync(file, "utf8")).forEach((snippet, n) => {
      if (!/\brunnable\b/.test(snippet.info)) return;
      const base = dirname(file);
      const source = snippet.code.replace(
        /(from\s+["'])(\.\.?\/[^"']+)(["'])/g,
        (_, a, spec, b) => a + resolve(base, spec) + b,
      );
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      const path = join(workDir, `r${f}-${n}.mjs`);
      writeFileSync(path, outputText);
      ran++;
      const out = spawnSync(process.execPath, [path], { encoding: "utf8", timeout: timeoutMs });
      if (out.status !== 0) {
        const why = out.error
          ? String(out.error)
          : (out.stderr || out.stdout).trim().split("\n").slice(-5).join("\n");
        problems.push({
          file: relative(root, file),
          line: snippet.line,
          message: `runnable snippet failed (exit ${out.status}): ${why}`,
        });
      }
    });
  });
  rmSync(workDir, { recursive: true, force: true });
  return { ran, problems };
}
