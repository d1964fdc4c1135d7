import type { Delivery, RequestInfo } from "@nhub/emulator";
import { UsageError } from "./cli-error.js";
import type { Cli } from "./io.js";

/** What `nhub emulator` hands `startEmulator` to log requests and deliveries. */
export interface EmulatorLog {
  onRequest(info: RequestInfo): void;
  onDelivery(delivery: Delivery): void;
}

/**
 * One line per request (method, path, status, notification id, devices reached); with `verbose`
 * also one line per delivery. Deliveries of a scheduled push (no request of their own) get one
 * summary line.
 */
export function createEmulatorLog(
  cli: Cli,
  verbose: boolean,
  lines: {
    request(info: RequestInfo, devices: number | undefined): string;
    delivery(delivery: Delivery): string;
    later(notificationId: string, devices: number): string;
  },
): EmulatorLog {
  const reached = new Map<string, number>();
  return {
    onDelivery(delivery) {
      if (verbose) cli.out(lines.delivery(delivery));
      const id = delivery.notificationId;
      const count = reached.get(id);
      reached.set(id, (count ?? 0) + 1);
      if (count !== undefined) return;
      // A request's deliveries happen before its answer; what is left after it is a scheduled push.
      setImmediate(() => {
        const left = reached.get(id);
        if (left === undefined) return;
        reached.delete(id);
        cli.out(lines.later(id, left));
      });
    },
    onRequest(info) {
      // A scheduled send reaches its devices later (see `later`), not in its request.
      const id = info.path.endsWith("/schedulednotifications") ? undefined : info.notificationId;
      const devices = id === undefined ? undefined : (reached.get(id) ?? 0);
      if (id !== undefined) reached.delete(id);
      cli.out(lines.request(info, devices));
    },
  };
}

/**
 * Checks `--key`: the base64 key of the full rule (as in a connection string's SharedAccessKey).
 * The message never repeats the value.
 */
export function parseEmulatorKey(value: string): string {
  const key = value.trim();
  if (
    key.length < 4 ||
    key.length % 4 !== 0 ||
    !/^[A-Za-z0-9+/]+={0,2}$/.test(key) ||
    Buffer.from(key, "base64").toString("base64") !== key
  ) {
    throw new UsageError(
      "--key must be a base64 string (A-Z a-z 0-9 + / and = padding, a multiple of 4 characters), e.g. the output of `openssl rand -base64 32`",
    );
  }
  return key;
}
