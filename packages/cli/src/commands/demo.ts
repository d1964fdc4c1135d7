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
        "\nStarts an emulator seeded with devices on every platform, sends to them through the client\n(broadcast, tags, templates, every platform, direct, batch, scheduled) with debug dumps, and\nshows which device got what. Exit status 0 when every step behaved as expected.\n\nExamples:\n  $ nhub demo\n  $ nhub demo --keep-open   # then open the printed inbox URL",
      )
      .option(
        "--keep-open",
        "after the summary keep the emulator running and print its inbox URL, until Ctrl-C",
      )
      .action(async (options: { keepOpen?: boolean }) => {
        const ok = await runDemo(cli, DEMO_STEPS, { keepOpen: options.keepOpen === true });
        if (!ok) cli.exitCode = 1;
      });
  },
};
