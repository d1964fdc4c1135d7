import { runDemo } from "../demo/demo-runner.js";
import { DEMO_STEPS } from "../demo/demo-steps.js";
import type { CommandModule } from "./command.js";

/** `nhub demo`: the walkthrough against an embedded emulator; exit 0 when every step behaved. */
export const demoCommand: CommandModule = {
  name: "demo",
  register(program, cli) {
    program
      .command("demo")
      .description("play the walkthrough against an embedded emulator: no network, no account")
      .addHelpText(
        "after",
        "\nStarts an emulator seeded with devices on every platform, sends to them through the client\n(broadcast, tags, templates, every platform, direct, batch, scheduled) with debug dumps, and\nshows which device got what. Exit status 0 when every step behaved as expected.\n\nExample:\n  $ nhub demo",
      )
      .action(async () => {
        const ok = await runDemo(cli, DEMO_STEPS);
        if (!ok) cli.exitCode = 1;
      });
  },
};
