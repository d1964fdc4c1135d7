import { addHubOptions, createHubClient, type HubOptions } from "../hub-options.js";
import type { Cli } from "../io.js";
import type { CommandModule } from "./command.js";

async function cancel(notificationId: string, options: HubOptions, cli: Cli): Promise<void> {
  const client = createHubClient(options, cli);
  try {
    await client.cancelScheduled(notificationId);
  } finally {
    await client.close();
  }
  if (options.json) cli.out(JSON.stringify({ notificationId, cancelled: true }));
  else cli.out(cli.color.green(`Scheduled notification ${notificationId} cancelled.`));
}

/** `nhub cancel <id>`: cancels a scheduled notification. */
export const cancelCommand: CommandModule = {
  name: "cancel",
  register(program, cli) {
    const command = program
      .command("cancel")
      .description("cancel a scheduled notification")
      .argument("<id>", "the notification id that `nhub send --schedule` printed");
    addHubOptions(command)
      .addHelpText("after", "\nExample:\n  $ nhub cancel NH-20300101090000000-1234abcd")
      .action((id: string, options: HubOptions) => cancel(id, options, cli));
  },
};
