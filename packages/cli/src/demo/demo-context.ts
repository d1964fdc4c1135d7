import type { NotificationHubClient, SendOptions, SendResult } from "@nhub/core";
import type { Delivery, Emulator } from "@nhub/emulator";
import type { Cli } from "../io.js";

/** What each demo step gets. */
export interface DemoContext {
  client: NotificationHubClient;
  emulator: Emulator;
  cli: Cli;
  /** Notification ids of earlier steps, by name (`apple`, ...). */
  remember: Map<string, string>;
  /** Runs `action` with the debug dumps collected instead of printed; returns them. */
  collectDumps<T>(action: () => Promise<T>): Promise<{ value: T; dumps: string[] }>;
  /** Prints one dump (indented, long lines cut). */
  printDump(text: string): void;
}

/** What a step reports back to the runner. */
export interface StepOutcome {
  /** The notifications the step sent; their deliveries are listed under the step. */
  notificationIds: string[];
  /** What did not behave as expected (empty: the step passed). */
  problems: string[];
  /** Whether the runner lists the deliveries one per line (false for the large batch). */
  listDeliveries?: boolean;
}

/** One step of the walkthrough. */
export interface DemoStep {
  title: string;
  /** The call the step makes, as a user would write it. */
  code: string;
  run(context: DemoContext): Promise<StepOutcome>;
}

/** The deliveries of the given notifications. */
export function deliveriesOf(emulator: Emulator, ids: readonly string[]): Delivery[] {
  const wanted = new Set(ids);
  return emulator.deliveries().filter((delivery) => wanted.has(delivery.notificationId));
}

/** A problem line unless the deliveries reached exactly the expected installations. */
export function expectDevices(
  deliveries: readonly Delivery[],
  expected: readonly string[],
): string[] {
  const got = deliveries.map((delivery) => delivery.installationId ?? delivery.pushChannel).sort();
  const want = [...expected].sort();
  if (got.join(",") === want.join(",")) return [];
  return [
    `expected deliveries to ${want.join(", ") || "no device"}; got ${got.join(", ") || "none"}`,
  ];
}

/** The id of a send, or a problem when the hub gave none. */
export function idOf(result: SendResult, problems: string[]): string[] {
  if (result.notificationId) return [result.notificationId];
  problems.push("the hub answered without a notification id");
  return [];
}

/** A step that sends once with `client.send` and expects exactly `expected` to be reached. */
export function sendStep(step: {
  title: string;
  code: string;
  format: string;
  payload: unknown;
  options?: SendOptions & Record<string, unknown>;
  expected: readonly string[];
  remember?: string;
  check?: (result: SendResult, deliveries: Delivery[]) => string[];
}): DemoStep {
  return {
    title: step.title,
    code: step.code,
    async run(context) {
      const result = await context.client.send(step.format, step.payload, step.options ?? {});
      const problems: string[] = [];
      const ids = idOf(result, problems);
      if (step.remember && ids[0]) context.remember.set(step.remember, ids[0]);
      const deliveries = deliveriesOf(context.emulator, ids);
      problems.push(...expectDevices(deliveries, step.expected));
      if (step.check) problems.push(...step.check(result, deliveries));
      if (result.outcome) {
        const { success, failure } = result.outcome;
        context.cli.out(`  Outcome (test send): ${success} succeeded, ${failure} failed`);
        for (const row of result.outcome.results.filter(
          (item) =>
            item.outcome !==
            "The Notification was successfully sent to the Push Notification System",
        )) {
          context.cli.out(`    ${row.platform} ${row.registrationId}: ${row.outcome}`);
        }
      }
      return { notificationIds: ids, problems };
    },
  };
}
