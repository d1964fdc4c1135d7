import { createClient, type NotificationHubClient } from "@nhub/core";
import type { Command } from "commander";
import { UsageError } from "./cli-error.js";
import { allAdapters } from "./formats.js";
import type { Cli } from "./io.js";

/** The options every command that talks to a hub accepts. */
export interface HubOptions {
  hub?: string;
  connectionString?: string;
  json?: boolean;
}

/** Adds `--hub`, `--connection-string` and `--json` to a command. */
export function addHubOptions(command: Command): Command {
  return command
    .option("--hub <name>", "notification hub name (default: $NH_HUB_NAME)")
    .option(
      "--connection-string <text>",
      "hub connection string with a Send (or Manage) rule (default: $NH_CONNECTION_STRING)",
    )
    .option("--json", "print only JSON on standard output");
}

/** Hub name and connection string from the options, else from the environment. */
export function resolveHub(
  options: HubOptions,
  cli: Cli,
): { hubName: string; connectionString: string } {
  const hubName = options.hub ?? cli.env.NH_HUB_NAME;
  const connectionString = options.connectionString ?? cli.env.NH_CONNECTION_STRING;
  if (connectionString === undefined || connectionString.trim() === "") {
    throw new UsageError(
      "missing connection string: pass --connection-string or set NH_CONNECTION_STRING",
    );
  }
  if (hubName === undefined || hubName.trim() === "") {
    throw new UsageError("missing hub name: pass --hub or set NH_HUB_NAME");
  }
  return { hubName, connectionString };
}

/**
 * Creates a client for the hub the options name, with an adapter for every format. With
 * `debug`, each request and response is dumped (secrets redacted) to `logger`, and sends are test
 * sends unless `debug.testSend` is `false` (`--dump`).
 */
export function createHubClient(
  options: HubOptions,
  cli: Cli,
  debug?: { logger: (text: string) => void; testSend?: boolean },
): NotificationHubClient {
  const { hubName, connectionString } = resolveHub(options, cli);
  return createClient({
    connectionString,
    hubName,
    adapters: allAdapters(),
    ...(debug
      ? debug.testSend === false
        ? { dump: true, logger: debug.logger }
        : { debug: true, logger: debug.logger }
      : {}),
  });
}
