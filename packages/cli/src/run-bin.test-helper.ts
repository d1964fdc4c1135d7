import { type ChildProcess, spawn } from "node:child_process";
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

/** A binary left running (`nhub emulator`, `nhub demo --keep-open`) whose output a test reads. */
export interface RunningBin {
  child: ChildProcess;
  /** Everything the child printed on stdout so far. */
  stdout(): string;
  /**
   * Resolves with the first capture group of `pattern` (the whole match without one) once stdout
   * matches it and `ready(stdout)` holds; rejects if the child exits first.
   */
  waitFor(pattern: RegExp, ready?: (stdout: string) => boolean): Promise<string>;
  /** The exit code, once the child has exited. */
  exited: Promise<number | null>;
}

/** Starts `node dist/bin.js ...args` without waiting for it to exit. */
export function startBin(
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): RunningBin {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: run \`npx tsup\` in packages/cli first`);
  const child = spawn(process.execPath, [BIN, ...args], {
    env: childEnv(options.env),
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => resolve(code)),
  );
  return {
    child,
    stdout: () => stdout,
    exited,
    waitFor(pattern, ready = () => true) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (match === null || !ready(stdout)) return false;
          child.stdout.off("data", check);
          resolve(match[1] ?? match[0]);
          return true;
        };
        if (check()) return;
        child.stdout.on("data", check);
        void exited.then(() => check() || reject(new Error(`${args[0]} exited early:\n${stdout}`)));
      });
    },
  };
}
