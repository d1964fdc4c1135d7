import { Command, CommanderError } from "commander";
import { describeError, EXIT_OK, EXIT_USAGE, exitCodeFor } from "./cli-error.js";
import type { CommandModule } from "./commands/command.js";
import type { Cli } from "./io.js";

declare const __NHUB_CLI_VERSION__: string;

/** The version of this package (set at build time). */
export const CLI_VERSION: string =
  typeof __NHUB_CLI_VERSION__ === "string" ? __NHUB_CLI_VERSION__ : "0.0.0";

/** Builds the `nhub` program with the given subcommands; it never calls `process.exit`. */
export function createProgram(cli: Cli, commands: readonly CommandModule[]): Command {
  const program = new Command("nhub")
    .description(
      "Send pushes through Azure Notification Hubs, manage installations and registrations, run a local emulator, or watch the demo.",
    )
    .version(CLI_VERSION, "-V, --version", "print the version")
    .option("--verbose", "print the stack trace of errors")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => cli.stdout.write(text),
      writeErr: (text) => cli.stderr.write(text),
      outputError: (text, write) => write(`nhub: ${text.replace(/^error: /, "")}`),
    })
    .addHelpText(
      "after",
      "\nExit status: 0 success, 1 the service refused or failed, 2 bad usage or invalid input, 130 (143) a campaign stopped by Ctrl-C (SIGTERM).\nRun `nhub <command> --help` for a command's options and examples.",
    );
  for (const command of commands) command.register(program, cli);
  return program;
}

/** Parses `argv` (without `node` and the script), runs the command, returns the exit status. */
export async function runProgram(
  cli: Cli,
  commands: readonly CommandModule[],
  argv: readonly string[],
): Promise<number> {
  const program = createProgram(cli, commands);
  const verbose = argv.includes("--verbose");
  try {
    await program.parseAsync([...argv], { from: "user" });
    return cli.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") {
        return EXIT_OK;
      }
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    cli.err(describeError(error, verbose));
    return exitCodeFor(error);
  }
}
