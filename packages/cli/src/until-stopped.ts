import type { Cli } from "./io.js";

/** Resolves with `SIGINT`, `SIGTERM` or `abort` when the process is asked to stop. */
export function untilStopped(cli: Cli): Promise<string> {
  return new Promise((resolve) => {
    const stop = (why: string) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      cli.signal?.removeEventListener("abort", onAbort);
      resolve(why);
    };
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    const onAbort = () => stop("abort");
    process.once("SIGINT", onInt);
    process.once("SIGTERM", onTerm);
    if (cli.signal?.aborted) stop("abort");
    else cli.signal?.addEventListener("abort", onAbort, { once: true });
  });
}
