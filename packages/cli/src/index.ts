/**
 * The `nhub` command, callable from code: `run(argv, io?)` resolves to the exit status.
 * @packageDocumentation
 */
import { COMMANDS } from "./commands/index.js";
import { type CliIo, createCli } from "./io.js";
import { runProgram } from "./program.js";

export { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from "./cli-error.js";
export type { CliIo, OutputStream } from "./io.js";
export { CLI_VERSION } from "./program.js";

/**
 * Runs `nhub` with `argv` (the arguments after `nhub`, e.g. `["send", "--format", "windows", ...]`)
 * and resolves to the exit status: 0 success, 1 the service refused or failed, 2 bad usage or
 * invalid input. It never calls `process.exit`; output goes to `io` (default: the process).
 *
 * @example
 * ```ts
 * import { run } from "@nhub/cli";
 * const status = await run(["details", "NH-123", "--hub", "demo", "--json"]);
 * ```
 */
export function run(argv: readonly string[], io?: CliIo): Promise<number> {
  return runProgram(createCli(io), COMMANDS, argv);
}
