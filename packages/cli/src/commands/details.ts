import type { NotificationOutcomeDetails } from "@nhub/core";
import { addHubOptions, createHubClient, type HubOptions } from "../hub-options.js";
import { parseWholeNumber } from "../inputs.js";
import type { Cli } from "../io.js";
import { renderTable } from "../table.js";
import type { CommandModule } from "./command.js";

interface DetailsOptions extends HubOptions {
  wait?: string;
}

/** One row per platform and outcome name: `[platform, outcome, count]`. */
export function outcomeRows(details: NotificationOutcomeDetails): string[][] {
  const rows: string[][] = [];
  for (const [platform, counts] of Object.entries(details.outcomeCounts)) {
    for (const [outcome, count] of Object.entries(counts ?? {})) {
      rows.push([platform, outcome, String(count)]);
    }
  }
  return rows;
}

/** Prints outcome details: state, times, and the counts as a table. */
export function printDetails(cli: Cli, details: NotificationOutcomeDetails, indent = "  "): void {
  const { color } = cli;
  const field = (name: string, value: string | undefined) =>
    cli.out(`${indent}${name.padEnd(17)}${value ?? color.dim("-")}`);
  field("Notification id", details.notificationId);
  field("State", details.state);
  field("Enqueued", details.enqueueTime?.toISOString());
  field("Started", details.startTime?.toISOString());
  field("Ended", details.endTime?.toISOString());
  field("Tags", details.tags);
  field("Target platforms", details.targetPlatforms);
  const rows = outcomeRows(details);
  if (rows.length === 0) cli.out(`${indent}${color.dim("No outcome counts.")}`);
  else cli.out(renderTable(["Platform", "Outcome", "Count"], rows, color, indent));
}

async function details(notificationId: string, options: DetailsOptions, cli: Cli): Promise<void> {
  const waitMs =
    options.wait === undefined ? 0 : parseWholeNumber("--wait", options.wait, 0, 3_600_000);
  const client = createHubClient(options, cli);
  let result: NotificationOutcomeDetails;
  try {
    result = await client.getNotificationOutcomeDetails(notificationId, {
      waitMs,
      intervalMs: Math.min(1000, Math.max(50, Math.floor(waitMs / 10))),
    });
  } finally {
    await client.close();
  }
  if (options.json) cli.out(JSON.stringify(result));
  else printDetails(cli, result);
}

/** `nhub details <id>`: what the hub did with a notification, counts per platform. */
export const detailsCommand: CommandModule = {
  name: "details",
  register(program, cli) {
    const command = program
      .command("details")
      .description("show what the hub did with a notification (Standard tier)")
      .argument("<id>", "the notification id that `nhub send` printed");
    addHubOptions(command)
      .option("--wait <ms>", "keep asking while the details are not ready, up to this many ms")
      .addHelpText(
        "after",
        "\nExample:\n  $ nhub details NH-20300101090000000-1234abcd --wait 5000",
      )
      .action((id: string, options: DetailsOptions) => details(id, options, cli));
  },
};
