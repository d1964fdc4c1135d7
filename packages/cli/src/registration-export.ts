import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { PagedRegistrations } from "@nhub/management";
import { UsageError } from "./cli-error.js";
import type { OutputStream } from "./io.js";

/**
 * Writes every registration of `listing` to `file`, one JSON object per line (JSON Lines), page
 * by page. The lines go to a temporary file next to `file` that replaces it only when the listing
 * is complete, so a failed export never leaves a partial file behind. On a terminal `progress`
 * shows the running count. Resolves to the number of registrations written.
 */
export async function exportRegistrations(
  listing: PagedRegistrations,
  file: string,
  progress: OutputStream,
): Promise<number> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  const handle = await open(temporary, "w").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--out: cannot write ${file} (${error.code ?? error.message})`, {
      cause: error,
    });
  });
  let count = 0;
  try {
    try {
      for await (const page of listing.byPage()) {
        const lines = page.registrations.map((registration) => `${JSON.stringify(registration)}\n`);
        await handle.write(lines.join(""));
        count += lines.length;
        if (progress.isTTY === true) progress.write(`\rExported ${count} registration(s)...`);
      }
    } finally {
      if (progress.isTTY === true && count > 0) progress.write("\n");
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return count;
}

/** The absolute path of `--out`. */
export function outputPath(out: string, cwd: string): string {
  if (out.trim() === "") throw new UsageError("--out needs a file name");
  return resolve(cwd, out);
}
