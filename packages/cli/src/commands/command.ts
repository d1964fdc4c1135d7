import type { Command } from "commander";
import type { Cli } from "../io.js";

/**
 * One `nhub` subcommand. Each lives in its own file under `src/commands/` and adds itself to the
 * program in `register`; its action sets `cli.exitCode` when it finishes other than with 0 and
 * throws for errors (the runner maps them to exit statuses 1 and 2).
 */
export interface CommandModule {
  /** The subcommand's name, as typed after `nhub`. */
  name: string;
  register(program: Command, cli: Cli): void;
}

/** Collects a repeatable option's values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
