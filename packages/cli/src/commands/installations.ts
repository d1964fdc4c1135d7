import type { NotificationHubClient } from "@nhub/core";
import {
  createOrUpdateInstallation,
  deleteInstallation,
  getInstallation,
  type Installation,
  type InstallationPatch,
  patchInstallation,
} from "@nhub/management";
import type { Command } from "commander";
import { UsageError } from "../cli-error.js";
import { addHubOptions, createHubClient, type HubOptions } from "../hub-options.js";
import type { Cli } from "../io.js";
import { isJsonObject, readJsonArgument } from "../json-argument.js";
import type { CommandModule } from "./command.js";

interface PutOptions extends HubOptions {
  installation: string;
}
interface PatchOptions extends HubOptions {
  patch: string;
}

const EXAMPLES = `
Examples:
  $ nhub installations put --installation '{"installationId":"phone-1","platform":"apns","pushChannel":"00fc13ad...","tags":["sports"]}'
  $ nhub installations put --installation @phone-1.json
  $ nhub installations get phone-1
  $ nhub installations patch phone-1 --patch '[{"op":"add","path":"/tags","value":"news"}]'
  $ nhub installations delete phone-1

The hub applies installation writes asynchronously: a get right after a put may show the old state.`;

/** Runs `work` with a client for the hub the options name, closing it afterwards. */
async function withClient<T>(
  options: HubOptions,
  cli: Cli,
  work: (client: NotificationHubClient) => Promise<T>,
): Promise<T> {
  const client = createHubClient(options, cli);
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

async function put(options: PutOptions, cli: Cli): Promise<void> {
  const installation = readJsonArgument(options.installation, cli.cwd, "--installation");
  if (!isJsonObject(installation)) {
    throw new UsageError(
      '--installation must be a JSON object such as {"installationId":"...","platform":"apns","pushChannel":"..."}',
    );
  }
  const id = String(installation.installationId);
  await withClient(options, cli, (client) =>
    createOrUpdateInstallation(client, installation as unknown as Installation),
  );
  if (options.json) cli.out(JSON.stringify({ installationId: id, saved: true }));
  else cli.out(cli.color.green(`Installation ${id} created or updated.`));
}

async function get(id: string, options: HubOptions, cli: Cli): Promise<void> {
  const installation = await withClient(options, cli, (client) => getInstallation(client, id));
  cli.out(JSON.stringify(installation, null, 2));
}

async function patch(id: string, options: PatchOptions, cli: Cli): Promise<void> {
  const patches = readJsonArgument(options.patch, cli.cwd, "--patch");
  if (!Array.isArray(patches)) {
    throw new UsageError(
      '--patch must be a JSON Patch array such as [{"op":"add","path":"/tags","value":"news"}]',
    );
  }
  await withClient(options, cli, (client) =>
    patchInstallation(client, id, patches as InstallationPatch[]),
  );
  if (options.json) {
    cli.out(JSON.stringify({ installationId: id, patched: true, operations: patches.length }));
  } else {
    cli.out(cli.color.green(`Installation ${id} patched (${patches.length} operation(s)).`));
  }
}

async function remove(id: string, options: HubOptions, cli: Cli): Promise<void> {
  await withClient(options, cli, (client) => deleteInstallation(client, id));
  if (options.json) cli.out(JSON.stringify({ installationId: id, deleted: true }));
  else cli.out(cli.color.green(`Installation ${id} deleted.`));
}

function idCommand(parent: Command, name: string, description: string): Command {
  return addHubOptions(
    parent.command(name).description(description).argument("<id>", "the installation id"),
  );
}

/** `nhub installations get|put|patch|delete`: a device's installation on the hub. */
export const installationsCommand: CommandModule = {
  name: "installations",
  register(program, cli) {
    const group = program
      .command("installations")
      .description("create, read, patch or delete a device installation")
      .addHelpText("after", EXAMPLES);
    addHubOptions(
      group.command("put").description("create or replace an installation (JSON, checked first)"),
    )
      .requiredOption(
        "--installation <json|@file>",
        "the installation JSON { installationId, platform, pushChannel, tags?, userId?, templates?, ... }",
      )
      .action((options: PutOptions) => put(options, cli));
    idCommand(group, "get", "print an installation as JSON").action((id: string, o: HubOptions) =>
      get(id, o, cli),
    );
    idCommand(group, "patch", "change an installation with a JSON Patch array")
      .requiredOption(
        "--patch <json|@file>",
        'JSON Patch array, values strings: [{"op":"add","path":"/tags","value":"news"}]',
      )
      .action((id: string, o: PatchOptions) => patch(id, o, cli));
    idCommand(group, "delete", "delete an installation").action((id: string, o: HubOptions) =>
      remove(id, o, cli),
    );
  },
};
