// Extracts the ```ts / ```typescript blocks of Markdown files and type-checks them with the
// TypeScript compiler against the workspace packages' built types (docs/node_modules/@nhub/*
// links to them, and to `@azure/notification-hubs` for the migration guide's "before" code). A
// block whose info string contains `nocheck` is skipped. A block in another TypeScript-like
// language (`tsx`, `mts`, `js`, `javascript`, ...) is a problem unless marked `nocheck`: nothing
// is skipped silently. An HTML comment `<!-- docs:check prelude: declare const client: ... -->`
// right before a block is prepended to it (invisible when rendered), for blocks that continue an
// earlier one. Relative imports (`./src/index.js`) resolve from the Markdown file's folder.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** The languages whose blocks are type-checked. */
export const CHECKED_LANGUAGES = new Set(["ts", "typescript"]);
/** Script languages the checker does not handle: such a block must be marked `nocheck`. */
export const UNCHECKED_SCRIPT_LANGUAGES = new Set([
  ...["tsx", "mts", "cts", "jsx", "js", "mjs", "cjs", "javascript", "node"],
]);

const OPEN = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const PRELUDE = /<!-- docs:check prelude:((?:(?!<!--)[\s\S])*?)-->\s*$/;

/**
 * Every fenced code block of a Markdown text, at any indentation (list items included):
 * `{ lang, info, code, line, prelude }` (`line`: 1-based line of the code's first line; `lang`:
 * the info string's first word, lower case).
 */
export function fencedBlocks(markdown) {
  const lines = markdown.split("\n");
  const starts = [0];
  for (const line of lines) starts.push(starts[starts.length - 1] + line.length + 1);
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]);
    if (!open || (open[2][0] === "`" && open[3].includes("`"))) continue;
    const [, indent, fence, rawInfo] = open;
    const close = new RegExp(`^[ \\t]*${fence[0]}{${fence.length},}[ \\t]*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    const body = lines
      .slice(i + 1, end)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
    const info = rawInfo.trim();
    blocks.push({
      lang: (info.split(/\s+/)[0] ?? "").toLowerCase(),
      info,
      code: body.length > 0 ? `${body.join("\n")}\n` : "",
      line: i + 2,
      prelude: PRELUDE.exec(markdown.slice(0, starts[i]))?.[1],
    });
    i = end;
  }
  return blocks;
}

/**
 * Sorts the blocks of one Markdown text: `snippets` to check (`{ code, line, info }`), `skipped`
 * (`nocheck`) and `unsupported` (a TypeScript-like language the checker does not handle, not
 * marked `nocheck`: `{ lang, line }`).
 */
export function scanSnippets(markdown) {
  const snippets = [];
  const unsupported = [];
  let skipped = 0;
  for (const block of fencedBlocks(markdown)) {
    const checked = CHECKED_LANGUAGES.has(block.lang);
    if (!checked && !UNCHECKED_SCRIPT_LANGUAGES.has(block.lang)) continue;
    if (/\bnocheck\b/.test(block.info)) skipped++;
    else if (!checked) unsupported.push({ lang: block.lang, line: block.line - 1 });
    else if (block.prelude)
      // The prelude goes on the line before the code, so line numbers stay the Markdown's.
      snippets.push({
        code: `${block.prelude.trim().replace(/\n/g, " ")}\n${block.code}`,
        line: block.line - 1,
        info: block.info,
      });
    else snippets.push({ code: block.code, line: block.line, info: block.info });
  }
  return { snippets, skipped, unsupported };
}

/** The checkable blocks of one Markdown text: `{ code, line, info }` (`line`: 1-based line of the code's first line). */
export function extractSnippets(markdown) {
  return scanSnippets(markdown).snippets;
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
 * `{ checked, skipped, problems: [{ file, line, message }] }`, `line` being the Markdown line
 * (`skipped`: blocks marked `nocheck`).
 */
export function checkSnippets(files, { workDir, root }) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const origin = new Map();
  const unchecked = [];
  let skipped = 0;
  files.forEach((file, f) => {
    const scan = scanSnippets(readFileSync(file, "utf8"));
    skipped += scan.skipped;
    for (const { lang, line } of scan.unsupported)
      unchecked.push({
        file: relative(root, file),
        line,
        message: `a \`\`\`${lang} block is not type-checked: write it as \`\`\`ts, or mark it \`\`\`${lang} nocheck`,
      });
    scan.snippets.forEach((snippet, n) => {
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
  return { checked: origin.size, skipped, problems: [...unchecked, ...problems] };
}
