import { createClient, type NotificationAdapter, type NotificationHubClient } from "@nhub/core";
import { startTestEmulator } from "./http.test-helper.js";
import type { RequestRecord } from "./inspection-types.js";
import type { Emulator, EmulatorOptions } from "./types.js";

/** A minimal FCM v1 adapter, so the emulator records deliveries per handle. */
export const fcm: NotificationAdapter<{ title: string }, Record<string, unknown>> = {
  specificationVersion: "v1",
  format: "fcmv1",
  prepare: (payload) => ({
    body: JSON.stringify({ message: { notification: { title: payload.title } } }),
    contentType: "application/json;charset=utf-8",
  }),
};

/** An emulator that counts, per handle, how many times a batch delivered to it. */
export interface CountingEmulator {
  emulator: Emulator;
  client: NotificationHubClient;
  /** Deliveries per handle (push channel). */
  counts: Map<string, number>;
  /** Status of each answered request, in the order answered. */
  statuses: number[];
  /** A new client of the same emulator (a restarted process). */
  newClient(options?: Partial<Parameters<typeof createClient>[0]>): NotificationHubClient;
}

export async function countingEmulator(
  options: EmulatorOptions = {},
  clientOptions: Partial<Parameters<typeof createClient>[0]> = {},
): Promise<CountingEmulator> {
  const counts = new Map<string, number>();
  const statuses: number[] = [];
  const emulator = await startTestEmulator({
    ...options,
    onDelivery: (d) => counts.set(d.pushChannel, (counts.get(d.pushChannel) ?? 0) + 1),
    onRequest: (info) => statuses.push(info.status),
  });
  const newClient = (extra: Partial<Parameters<typeof createClient>[0]> = {}) =>
    createClient({
      connectionString: emulator.connectionString,
      hubName: emulator.hubName,
      adapters: [fcm],
      ...extra,
    });
  return { emulator, client: newClient(clientOptions), counts, statuses, newClient };
}

/** Handles `h{from}` … `h{n-1}`. */
export function* handles(n: number, from = 0): Generator<string> {
  for (let i = from; i < n; i++) yield `h${i}`;
}

/** True when every handle `h0` … `h{n-1}` was delivered exactly once. */
export function exactlyOnce(counts: Map<string, number>, n: number): boolean {
  if (counts.size !== n) return false;
  for (let i = 0; i < n; i++) if (counts.get(`h${i}`) !== 1) return false;
  return true;
}

/** The emulator's log of batch sends (`/_nhub/api/requests`), oldest first. */
export async function batchRequestLog(emulator: Emulator): Promise<RequestRecord[]> {
  const response = await fetch(`${emulator.url}_nhub/api/requests?limit=1000`);
  const { items } = (await response.json()) as { items: RequestRecord[] };
  return items.filter((r) => r.path.endsWith("/messages/$batch")).reverse();
}

/** Resolves once `check()` holds, checking it after each call of the returned `poke`. */
export function when(check: () => boolean): { reached: Promise<void>; poke: () => void } {
  let resolve!: () => void;
  const reached = new Promise<void>((r) => {
    resolve = r;
  });
  const poke = () => {
    if (check()) resolve();
  };
  return { reached, poke };
}
