import { createReadStream, statSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { UsageError } from "./cli-error.js";

/** The file that a `--device-handles <@file>` value names, checked to be readable. */
export function handlesFilePath(value: string, cwd: string): string {
  const file = value.replace(/^@/, "");
  if (file === "") throw new UsageError(`--device-handles: "@" must be followed by a file name`);
  const path = resolve(cwd, file);
  try {
    if (!statSync(path).isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--device-handles: cannot read file ${file} (${reason})`, {
      cause: error,
    });
  }
  return path;
}

/**
 * Reads a handles file lazily, one handle per line (blank lines skipped, spaces trimmed): the
 * file is streamed, so a file of millions of handles never sits in memory as a whole.
 */
export async function* readHandlesLines(path: string): AsyncGenerator<string> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  try {
    for await (const line of lines) {
      const handle = line.trim();
      if (handle !== "") yield handle;
    }
  } finally {
    lines.close();
  }
}
