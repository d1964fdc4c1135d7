import { createClient, redactSecrets } from "@nhub/core";
import { type Delivery, startEmulator } from "@nhub/emulator";
import { allAdapters } from "../formats.js";
import type { Cli } from "../io.js";
import { renderTable } from "../table.js";
import { untilStopped } from "../until-stopped.js";
import { type DemoContext, type DemoStep, deliveriesOf } from "./demo-context.js";
import { DEMO_DEVICES } from "./demo-devices.js";

const MAX_LINE = 160;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Indents a debug dump and cuts long lines (a batch body holds 1000 handles on one line). */
export function formatDump(text: string): string {
  return redactSecrets(text)
    .split("\n")
    .map((line) => {
      const clean = line.replace(/\r$/, "");
      const shown =
        clean.length > MAX_LINE
          ? `${clean.slice(0, MAX_LINE - 20)}… (+${clean.length - MAX_LINE + 20} chars)`
          : clean;
      return `    │ ${shown}`;
    })
    .join("\n");
}

function printDevices(cli: Cli): void {
  const rows = DEMO_DEVICES.map((device) => [
    device.installationId,
    device.platform,
    (device.tags ?? []).join(", "),
    Object.values(device.templates ?? {})
      .map((template) => template.body.match(/\$\((\w+)\)/)?.[1] ?? "template")
      .join(", "),
    device.pushChannelExpired ? "expired channel" : "",
  ]);
  cli.out(renderTable(["Device", "Platform", "Tags", "Template uses", "Note"], rows, cli.color));
}

function printDeliveries(cli: Cli, deliveries: readonly Delivery[]): void {
  if (deliveries.length === 0) {
    cli.out("  No device got anything.");
    return;
  }
  cli.out(`  Delivered to ${deliveries.length} device(s):`);
  const rows = deliveries.map((delivery) => [
    delivery.installationId ?? "(handle)",
    delivery.platform,
    cut(delivery.body.replace(/\s+/g, " "), 70),
  ]);
  cli.out(renderTable(["Device", "Platform", "Got"], rows, cli.color, "    "));
}

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Keep the emulator running after the summary and print its inbox URL, until Ctrl-C. */
  keepOpen?: boolean;
}

/**
 * Plays the walkthrough against an embedded emulator and prints it. Resolves to true when every
 * step behaved as expected. Prints no key and no signature.
 */
export async function runDemo(
  cli: Cli,
  steps: readonly DemoStep[],
  options: DemoOptions = {},
): Promise<boolean> {
  const { color } = cli;
  const emulator = await startEmulator({ hubs: ["demo"], installations: [...DEMO_DEVICES] });
  let collecting: string[] | undefined;
  const printDump = (text: string) => cli.out(color.dim(formatDump(text)));
  const client = createClient({
    connectionString: emulator.connectionString,
    hubName: emulator.hubName,
    adapters: allAdapters(),
    debug: true,
    logger: (text) => (collecting ? collecting.push(text) : printDump(text)),
  });
  const context: DemoContext = {
    client,
    emulator,
    cli,
    remember: new Map(),
    printDump,
    async collectDumps(action) {
      const dumps: string[] = [];
      collecting = dumps;
      try {
        return { value: await action(), dumps };
      } finally {
        collecting = undefined;
      }
    },
  };
  const results: { title: string; ok: boolean; deliveries: number }[] = [];
  try {
    cli.out(
      color.bold("nhub demo: the Notification Hubs walkthrough, against an embedded emulator"),
    );
    cli.out("No network, no account: every request below goes to a local emulator.");
    cli.out(`Emulator:          ${emulator.url} (hub "${emulator.hubName}")`);
    cli.out(`Connection string: ${redactSecrets(emulator.connectionString)}`);
    cli.out(
      `Client:            createClient({ connectionString, hubName: "${emulator.hubName}", adapters, debug: true })`,
    );
    cli.out(
      color.dim(
        "With debug: true every send is a test send and each request and response is dumped, secrets redacted.",
      ),
    );
    cli.out("");
    printDevices(cli);
    for (const [index, step] of steps.entries()) {
      cli.out("");
      cli.out(color.bold(color.cyan(`Step ${index + 1}/${steps.length}: ${step.title}`)));
      for (const line of step.code.split("\n")) cli.out(`  ${color.yellow(`> ${line}`)}`);
      let problems: string[];
      let deliveries: Delivery[] = [];
      try {
        const outcome = await step.run(context);
        problems = outcome.problems;
        deliveries = deliveriesOf(emulator, outcome.notificationIds);
        if (outcome.listDeliveries !== false && outcome.notificationIds.length > 0) {
          printDeliveries(cli, deliveries);
        }
      } catch (error) {
        problems = [redactSecrets(`${(error as Error).name}: ${(error as Error).message}`)];
      }
      const ok = problems.length === 0;
      for (const problem of problems) cli.out(`  ${color.red(`✗ ${problem}`)}`);
      if (ok) cli.out(`  ${color.green("✓ as expected")}`);
      results.push({ title: step.title, ok, deliveries: deliveries.length });
    }
  } finally {
    await client.close();
    if (options.keepOpen !== true) await emulator.close();
  }
  const passed = results.filter((result) => result.ok).length;
  cli.out("");
  cli.out(color.bold("Summary"));
  cli.out(
    renderTable(
      ["OK", "Step", "Deliveries"],
      results.map((result, index) => [
        result.ok ? "✓" : "✗",
        `${index + 1}. ${result.title}`,
        String(result.deliveries),
      ]),
      color,
    ),
  );
  const total = results.reduce((sum, result) => sum + result.deliveries, 0);
  const line = `${passed} of ${results.length} steps behaved as expected; ${total} pushes delivered to the emulator's devices.`;
  cli.out(passed === results.length ? color.green(line) : color.red(line));
  if (options.keepOpen === true) {
    const stopped = untilStopped(cli);
    cli.out("");
    cli.out(`Inbox:             ${emulator.inboxUrl}`);
    cli.out("The emulator stays open with the demo's deliveries. Press Ctrl-C to stop.");
    const why = await stopped;
    await emulator.close();
    cli.out(`Emulator stopped (${why}).`);
  }
  return passed === results.length;
}
