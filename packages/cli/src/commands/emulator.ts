import { type Delivery, type Installation, type RequestInfo, startEmulator } from "@nhub/emulator";
import type { Command } from "commander";
import { UsageError } from "../cli-error.js";
import { createEmulatorLog, parseEmulatorKey } from "../emulator-log.js";
import { type EmulatorTlsFlags, emulatorTlsOption, tlsTrustLines } from "../emulator-tls.js";
import { parseWholeNumber, readTextArgument } from "../inputs.js";
import type { Cli, Colors } from "../io.js";
import { ownCommand } from "../own-command.js";
import { untilStopped } from "../until-stopped.js";
import { type CommandModule, collect } from "./command.js";

interface EmulatorCommandOptions extends EmulatorTlsFlags {
  port: string;
  host: string;
  hub?: string[];
  seed?: string;
  data?: string;
  quota?: string;
  quotaStatus?: string;
  key?: string;
  verbose?: boolean;
  maxDeliveries?: string;
}

function clock(): string {
  return new Date().toISOString().slice(11, 23);
}

/** One line: what a device got, its body squeezed to one line and cut. */
export function deliveryLine(delivery: Delivery, color: Colors): string {
  const body = delivery.body.replace(/\s+/g, " ").trim();
  const shown = body.length > 100 ? `${body.slice(0, 99)}…` : body;
  const device = delivery.installationId ?? `handle ${delivery.pushChannel}`;
  const template = delivery.templateName ? ` template ${delivery.templateName}` : "";
  return `${color.dim(clock())} ${color.cyan("deliver")} ${delivery.platform} ${color.bold(device)}${template} ${color.dim(`[${delivery.notificationId}]`)} ${shown}`;
}

/** One line per request: method, path, status, hub notification id, devices reached. */
export function requestLine(info: RequestInfo, color: Colors, devices?: number): string {
  const status =
    info.status < 400 ? color.green(String(info.status)) : color.red(String(info.status));
  const id = info.notificationId ? ` ${color.dim(info.notificationId)}` : "";
  const dropped = info.dropped ? color.yellow(" (connection dropped)") : "";
  const reached =
    devices === undefined ? "" : ` ${devices} device${devices === 1 ? "" : "s"} reached`;
  return `${color.dim(clock())} ${info.method} ${info.path} ${status}${id}${reached}${dropped}`;
}

function readSeed(file: string, cli: Cli): Installation[] {
  const text = readTextArgument(`@${file.replace(/^@/, "")}`, cli.cwd, "--seed");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--seed: ${file} is not valid JSON (${(error as Error).message})`);
  }
  const list = Array.isArray(value)
    ? value
    : (value as { installations?: unknown } | null)?.installations;
  if (!Array.isArray(list)) {
    throw new UsageError(
      `--seed: ${file} must hold an array of installations (or { "installations": [...] })`,
    );
  }
  return list as Installation[];
}

/** `--quota n` and `--quota-status 429|403`, checked before the emulator starts. */
function parseQuota(
  options: EmulatorCommandOptions,
): { requestsPerSecond: number; status: 429 | 403 } | undefined {
  const text = options.quotaStatus;
  if (text !== undefined && text !== "429" && text !== "403") {
    throw new UsageError(`--quota-status must be 429 or 403, got ${JSON.stringify(text)}`);
  }
  if (options.quota === undefined) {
    if (text !== undefined) throw new UsageError("--quota-status needs --quota <n>");
    return undefined;
  }
  return {
    requestsPerSecond: parseWholeNumber("--quota", options.quota, 1, 1_000_000),
    status: text === "403" ? 403 : 429,
  };
}

async function emulator(options: EmulatorCommandOptions, cli: Cli): Promise<void> {
  const port = parseWholeNumber("--port", options.port, 0, 65535);
  const maxDeliveries =
    options.maxDeliveries === undefined
      ? undefined
      : parseWholeNumber("--max-deliveries", options.maxDeliveries, 1, 10_000_000);
  const installations = options.seed === undefined ? [] : readSeed(options.seed, cli);
  const quota = parseQuota(options);
  const tls = emulatorTlsOption(options, cli);
  const { color } = cli;
  const key = options.key === undefined ? undefined : parseEmulatorKey(options.key);
  const log = createEmulatorLog(cli, options.verbose === true, {
    request: (info, devices) => requestLine(info, color, devices),
    delivery: (delivery) => deliveryLine(delivery, color),
    later: (id, devices) =>
      `${color.dim(clock())} ${color.cyan("scheduled")} ${color.dim(id)} ${devices} device${devices === 1 ? "" : "s"} reached`,
  });
  let server: Awaited<ReturnType<typeof startEmulator>>;
  try {
    server = await startEmulator({
      port,
      host: options.host,
      ...(options.hub ? { hubs: options.hub } : {}),
      installations,
      ...(quota ? { quota } : {}),
      ...(key === undefined ? {} : { keys: { full: key } }),
      onRequest: log.onRequest,
      onDelivery: log.onDelivery,
      ...(maxDeliveries === undefined ? {} : { maxDeliveries }),
      ...(tls ? { tls } : {}),
      ...(options.data === undefined ? {} : { dataDir: options.data }),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(
        `port ${port} on ${options.host} is in use; pass --port with another port (0 picks a free one)`,
      );
    }
    throw error;
  }
  cli.out(color.green(`Notification Hubs emulator listening on ${server.url}`));
  cli.out(`Hubs:              ${server.hubs.join(", ")}`);
  cli.out(`Devices:           ${installations.length} seeded`);
  if (options.data !== undefined)
    cli.out(`Data:              ${options.data} (kept across restarts)`);
  if (quota) {
    cli.out(
      `Quota:             ${quota.requestsPerSecond} requests per second per hub (${quota.status} beyond)`,
    );
  }
  cli.out(`Inbox:             ${server.inboxUrl}`);
  cli.out(`Inspection API:    ${server.url}_nhub/api/deliveries`);
  if (!server.inboxUrl.endsWith("_nhub/")) {
    cli.out(`Inspection token:  ${server.inspectionToken} (Authorization: Bearer <token>)`);
  }
  cli.out(
    server.caFile
      ? "Connection string (this emulator's local key; HTTPS: clients send an sb:// endpoint over https://):"
      : "Connection string (this emulator's local key):",
  );
  cli.out(`  ${server.connectionString}`);
  if (server.caFile) {
    for (const line of tlsTrustLines(server.caFile, server.url, server.tlsRenewed)) cli.out(line);
  }
  cli.out("");
  cli.out(
    `Try: NH_HUB_NAME=${server.hubName} NH_CONNECTION_STRING='<the string above>' ${ownCommand(process.argv[1], cli.cwd)} send --format windows --payload '<toast/>' --test`,
  );
  // Listen for Ctrl-C before saying so: a signal sent on reading the line must find the handler.
  const stopped = untilStopped(cli);
  cli.out(color.dim("Press Ctrl-C to stop."));
  const why = await stopped;
  await server.close();
  cli.out(`Emulator stopped (${why}).`);
}

/** `nhub emulator`: runs a local Notification Hubs emulator until Ctrl-C. */
export const emulatorCommand: CommandModule = {
  name: "emulator",
  register(program, cli) {
    program
      .command("emulator")
      .description("run a local Notification Hubs emulator and log every request")
      .option("--port <port>", "TCP port (0 picks a free one)", "8765")
      .option("--host <host>", "interface to listen on", "127.0.0.1")
      .option("--hub <name>", "hub name (repeatable; default: demo)", collect)
      .option(
        "--seed <installations.json>",
        "JSON file with the devices (installations) to start with",
      )
      .option(
        "--quota <n>",
        "answer 429 with Retry-After beyond n requests per second per hub (sliding second)",
      )
      .option(
        "--quota-status <429|403>",
        "with --quota: the throttling answer, 429 (default) or 403 with Retry-After (a tier's quota)",
      )
      .option(
        "--key <base64>",
        "fixed SharedAccessKey of DefaultFullSharedAccessSignature (default: a new random key each start)",
      )
      .option("--verbose", "also log one line per delivery (default: one line per request)")
      .option(
        "--max-deliveries <n>",
        "deliveries (and requests) the inspection API keeps; older ones are dropped (default 10000)",
      )
      .option(
        "--data <dir>",
        "keep installations, registrations, scheduled pushes, jobs, files and the keys in <dir> (SQLite) across restarts",
      )
      .option("--tls", "serve HTTPS with a generated local CA (prints the CA file to trust)")
      .option("--tls-cert <cert.pem>", "serve HTTPS with this certificate (with --tls-key)")
      .option("--tls-key <key.pem>", "the private key of --tls-cert")
      .addHelpText(
        "after",
        '\nExample:\n  $ nhub emulator --port 8765 --hub demo --seed devices.json\n  $ nhub emulator --key "$(openssl rand -base64 32)" --verbose\n  $ nhub emulator --quota 10 --quota-status 403\n\nThe seed file holds installations as in the REST API:\n  [{ "installationId": "phone-1", "platform": "apns", "pushChannel": "00fc...", "tags": ["sports"] }]',
      )
      // --verbose is also the program's own option (stack traces), so read it with the globals.
      .action((_options: EmulatorCommandOptions, command: Command) =>
        emulator(command.optsWithGlobals<EmulatorCommandOptions>(), cli),
      );
  },
};
