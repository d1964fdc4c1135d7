import type { NotificationHubClient } from "@nhub/core";
import {
  type AnyRegistration,
  deleteRegistration,
  listRegistrations,
  listRegistrationsByChannel,
  listRegistrationsByTag,
  type PagedRegistrations,
  type RegistrationChannel,
} from "@nhub/management";
import type { Command } from "commander";
import { channelText, parseChannelArgument } from "../channel-arg.js";
import { UsageError } from "../cli-error.js";
import { addHubOptions, createHubClient, type HubOptions } from "../hub-options.js";
import { parseWholeNumber } from "../inputs.js";
import type { Cli } from "../io.js";
import { exportRegistrations, outputPath } from "../registration-export.js";
import { renderTable } from "../table.js";
import type { CommandModule } from "./command.js";

interface ListOptions extends HubOptions {
  tag?: string;
  channel?: string;
  top?: string;
}
interface ExportOptions extends ListOptions {
  out: string;
}
interface DeleteOptions extends HubOptions {
  etag?: string;
}

/** Largest `--top` accepted. */
const MAX_TOP = 1000;

const EXAMPLES = `
Examples:
  $ nhub registrations list
  $ nhub registrations list --tag sports --json
  $ nhub registrations list --channel apple:00FC13ADFF785122B4AD28809A3420982341241421348097878E577C991DE8F0
  $ nhub registrations list --channel windows:https://wns2-par02p.notify.windows.com/w/?token=...
  $ nhub registrations list --channel baidu:USERID,CHANNELID
  $ nhub registrations list --channel '{"kind":"browser","endpoint":"https://push.example/abc"}'
  $ nhub registrations export --out registrations.jsonl
  $ nhub registrations delete 2372532420827572008-85883004107185159-4 --etag 3

--channel is kind:handle (apple, gcm, fcmv1, windows, mpns, adm, browser, xiaomi; baidu:USERID,CHANNELID)
or a JSON object { "kind": ..., the kind's channel fields }. Listings need a Manage rule.`;

/** Which registrations a listing asks for, parsed before anything is sent. */
interface Selection {
  tag?: string;
  channel?: RegistrationChannel;
  top?: number;
}

function parseSelection(options: ListOptions): Selection {
  if (options.tag !== undefined && options.channel !== undefined) {
    throw new UsageError("--tag and --channel cannot be combined; pass one of them");
  }
  const selection: Selection = {};
  if (options.tag !== undefined) selection.tag = options.tag;
  if (options.channel !== undefined) selection.channel = parseChannelArgument(options.channel);
  if (options.top !== undefined) selection.top = parseWholeNumber("--top", options.top, 1, MAX_TOP);
  return selection;
}

function openListing(client: NotificationHubClient, selection: Selection): PagedRegistrations {
  const options = selection.top === undefined ? {} : { top: selection.top };
  if (selection.tag !== undefined) return listRegistrationsByTag(client, selection.tag, options);
  if (selection.channel !== undefined) {
    return listRegistrationsByChannel(client, selection.channel, options);
  }
  return listRegistrations(client, options);
}

/** A table row: id, kind, channel (as `--channel` takes it after `kind:`), tags, template name. */
export function registrationRow(registration: AnyRegistration): string[] {
  const template =
    registration.kind === "unknown" || registration.template === undefined
      ? "-"
      : (registration.template.name ?? "(unnamed)");
  const kind =
    registration.kind === "unknown" ? `unknown (${registration.elementName})` : registration.kind;
  return [
    registration.registrationId ?? "-",
    kind,
    channelText(registration),
    registration.tags?.length ? registration.tags.join(",") : "-",
    template,
  ];
}

async function list(options: ListOptions, cli: Cli): Promise<void> {
  const selection = parseSelection(options);
  const client = createHubClient(options, cli);
  const registrations: AnyRegistration[] = [];
  try {
    for await (const registration of openListing(client, selection)) {
      registrations.push(registration);
    }
  } finally {
    await client.close();
  }
  if (options.json) {
    cli.out(JSON.stringify(registrations));
    return;
  }
  if (registrations.length === 0) {
    cli.out("No registrations.");
    return;
  }
  const headers = ["Registration id", "Kind", "Channel", "Tags", "Template"];
  cli.out(renderTable(headers, registrations.map(registrationRow), cli.color, ""));
  cli.out(`${registrations.length} registration(s).`);
}

async function exportCommand(options: ExportOptions, cli: Cli): Promise<void> {
  const selection = parseSelection(options);
  const file = outputPath(options.out, cli.cwd);
  const client = createHubClient(options, cli);
  let count: number;
  try {
    count = await exportRegistrations(openListing(client, selection), file, cli.stderr);
  } finally {
    await client.close();
  }
  if (options.json) cli.out(JSON.stringify({ out: file, count }));
  else cli.out(cli.color.green(`Exported ${count} registration(s) to ${options.out}.`));
}

async function remove(id: string, options: DeleteOptions, cli: Cli): Promise<void> {
  if (options.etag !== undefined && options.etag.trim() === "") {
    throw new UsageError("--etag needs a value, such as 3 (or leave it out to delete any version)");
  }
  const client = createHubClient(options, cli);
  try {
    await deleteRegistration(client, id, options.etag === undefined ? {} : { etag: options.etag });
  } finally {
    await client.close();
  }
  if (options.json) cli.out(JSON.stringify({ registrationId: id, deleted: true }));
  else cli.out(cli.color.green(`Registration ${id} deleted.`));
}

function addSelectionOptions(command: Command): Command {
  return addHubOptions(command)
    .option("--tag <tag>", "only the registrations carrying this tag")
    .option("--channel <kind:handle|json>", "only the registrations of this device channel")
    .option("--top <n>", `registrations per page, 1 to ${MAX_TOP} (default: the hub's, 100)`);
}

/** `nhub registrations list|export|delete`: the hub's registrations. */
export const registrationsCommand: CommandModule = {
  name: "registrations",
  register(program, cli) {
    const group = program
      .command("registrations")
      .description("list, export or delete registrations")
      .addHelpText("after", EXAMPLES);
    addSelectionOptions(
      group.command("list").description("list registrations as a table, following every page"),
    ).action((options: ListOptions) => list(options, cli));
    addSelectionOptions(
      group
        .command("export")
        .description("write registrations to a file, one JSON object per line"),
    )
      .requiredOption("--out <file>", "the file to write (replaced once the export completes)")
      .action((options: ExportOptions) => exportCommand(options, cli));
    addHubOptions(
      group
        .command("delete")
        .description("delete a registration")
        .argument("<id>", "the registration id"),
    )
      .option("--etag <etag>", "delete only this version (412 otherwise; default: any version)")
      .action((id: string, options: DeleteOptions) => remove(id, options, cli));
  },
};
