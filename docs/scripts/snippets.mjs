// Extracts the ```ts / ```typescript blocks of Markdown files and type-checks them with the
// TypeScript compiler against the workspace packages' built types (docs/node_modules/@nhub/*
// links to them). A block whose info string contains `nocheck` is skipped. An HTML comment
// `<!-- docs:check prelude: declare const client: ... -->` right before a block is prepended to
// it (invisible when rendered), for blocks that continue an earlier one. Relative imports
// (`./src/index.js`) resolve from the Markdown file's folder.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

const FENCE =
  /(?:<!-- docs:check prelude:([\s\S]*?)-->\s*\n)?^(`{3,})(ts|typescript)\b([^\n]*)\n([\s\S]*?)^\2[ \t]*$/gm;

/** The checkable blocks of one Markdown text: `{ code, line, info }` (`line`: 1-based line of the code's first line). */
export function extractSnippets(markdown) {
  const out = [];
  for (const match of markdown.matchAll(FENCE)) {
    const [whole, prelude, , , rawInfo, code] = match;
    const info = rawInfo.trim();
    if (/\bnocheck\b/.test(info)) continue;
    const fenceAt = match.index + whole.indexOf(match[2] + match[3]);
    const line = markdown.slice(0, fenceAt).split("\n").length + 1;
    // The prelude goes on the line before the code, so line numbers stay the Markdown's.
    if (prelude)
      out.push({ code: `${prelude.trim().replace(/\n/g, " ")}\n${code}`, line: line - 1, info });
    else out.push({ code, line, info });
  }
  return out;
}

const compilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  moduleDetection: ts.ModuleDetectionKind.Force,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
  verbatimModuleSyntax: true,
  types: ["node"],
};

/**
 * Type-checks the blocks of `files` (absolute paths). Writes them under `workDir` (which must be
 * inside docs/ so that `@nhub/*`, `vitest` and `@types/node` resolve) and returns
 * `{ checked, problems: [{ file, line, message }] }`, `line` being the Markdown line.
 */
export function checkSnippets(files, { workDir, root }) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const origin = new Map();
  files.forEach((file, f) => {
    extractSnippets(readFileSync(file, "utf8")).forEach((snippet, n) => {
      const path = join(workDir, `s${f}-${n}.ts`);
      const base = dirname(file);
      const code = snippet.code.replace(
        /(from\s+["'])(\.\.?\/[^"']+)(["'])/g,
        (_, a, spec, b) => a + resolve(base, spec) + b,
      );
      writeFileSync(path, code);
      origin.set(path, { file, line: snippet.line });
    });
  });
  const program = ts.createProgram([...origin.keys()], compilerOptions);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    const from = d.file && origin.get(d.file.fileName);
    if (!from || d.start === undefined)
      return { file: d.file?.fileName ?? "(tsc)", line: 0, message };
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return { file: relative(root, from.file), line: from.line + line, message };
  });
  rmSync(workDir, { recursive: true, force: true });
  return { checked: origin.size, problems };
}
