import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The built binary the tests run (turbo builds the package before its tests). */
export const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

/** What a finished run of the binary produced. */
export interface BinRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment for the child: no colour, no hub variables unless given. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.NH_CONNECTION_STRING;
  delete env.NH_HUB_NAME;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

/** Runs `node dist/bin.js ...args` and resolves when it exits. */
export function runBin(
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<BinRun> {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: run \`npx tsup\` in packages/cli first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: childEnv(options.env),
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A secret in clear: a shared access key or a token signature that is not `<redacted>`. */
export const CLEAR_SECRET = /SharedAccessKey=(?!<redacted>)[^;\s"']|\bsig=(?!<redacted>)[^&\s"']/i;
