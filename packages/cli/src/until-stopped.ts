import type { Cli } from "./io.js";

/** Why the process was asked to stop: a signal, or the `CliIo.signal` of an in-process run. */
export type StopReason = "SIGINT" | "SIGTERM" | "abort";

/** The exit status of a command stopped for `why` (128 + the signal's number, as shells do). */
export function stoppedExitCode(why: StopReason): number {
  return why === "SIGTERM" ? 143 : 130;
}

/**
 * Calls `handler` each time the process is asked to stop (Ctrl-C, SIGTERM, or the `CliIo.signal`
 * of an in-process run), instead of letting the signal end the process. Returns the function
 * that removes the listeners.
 */
export function onStopRequest(cli: Cli, handler: (why: StopReason) => void): () => void {
  const onInt = () => handler("SIGINT");
  const onTerm = () => handler("SIGTERM");
  const onAbort = () => handler("abort");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  const dispose = () => {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
    cli.signal?.removeEventListener("abort", onAbort);
  };
  if (cli.signal?.aborted) queueMicrotask(onAbort);
  else cli.signal?.addEventListener("abort", onAbort, { once: true });
  return dispose;
}

/** Resolves with `SIGINT`, `SIGTERM` or `abort` when the process is asked to stop. */
export function untilStopped(cli: Cli): Promise<StopReason> {
  return new Promise((resolve) => {
    const dispose = onStopRequest(cli, (why) => {
      dispose();
      resolve(why);
    });
  });
}
