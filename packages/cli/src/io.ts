import pc from "picocolors";

/** A stream the command writes to: `process.stdout`, `process.stderr`, or a test double. */
export interface OutputStream {
  /** Writes `text` as is (no newline added). */
  write(text: string): unknown;
  /** True when the stream is a terminal (colour and progress bars only then). */
  isTTY?: boolean;
  /** Terminal width, when known. */
  columns?: number;
}

/** Where `run` reads and writes. Every field defaults to the current process. */
export interface CliIo {
  stdout?: OutputStream;
  stderr?: OutputStream;
  /** Environment variables (`NH_CONNECTION_STRING`, `NH_HUB_NAME`, `NO_COLOR`, `FORCE_COLOR`). */
  env?: Record<string, string | undefined>;
  /** Directory that `@file` arguments are relative to. */
  cwd?: string;
  /** Stops a long-running command (`nhub emulator`) like Ctrl-C does. */
  signal?: AbortSignal;
}

/** Colour functions: real ones on a terminal, identity functions elsewhere. */
export type Colors = ReturnType<typeof pc.createColors>;

/** What every command receives: its streams, environment and colours. */
export interface Cli {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  cwd: string;
  signal: AbortSignal | undefined;
  /** Colours for standard output. */
  color: Colors;
  /** Colours for standard error. */
  errColor: Colors;
  /** The exit status `run` returns; a command sets it when it finishes other than with 0. */
  exitCode: number;
  /** Writes one line to standard output. */
  out(line?: string): void;
  /** Writes one line to standard error. */
  err(line?: string): void;
}

/**
 * Decides whether to colour a stream: `NO_COLOR` turns colour off, `FORCE_COLOR` (other than
 * `0`) turns it on, otherwise only a terminal that is not `dumb` gets colour.
 */
export function useColor(stream: OutputStream, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  return stream.isTTY === true && env.TERM !== "dumb";
}

/** Fills in the defaults of `io` from the current process. */
export function createCli(io: CliIo = {}): Cli {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  return {
    stdout,
    stderr,
    env,
    cwd: io.cwd ?? process.cwd(),
    signal: io.signal,
    exitCode: 0,
    color: pc.createColors(useColor(stdout, env)),
    errColor: pc.createColors(useColor(stderr, env)),
    out(line = "") {
      stdout.write(`${line}\n`);
    },
    err(line = "") {
      stderr.write(`${line}\n`);
    },
  };
}
