import type { CampaignResult, NotificationHubClient, SendOptions } from "@nhub/core";
import { Option } from "commander";
import { UsageError } from "../cli-error.js";
import { FORMATS } from "../formats.js";
import { handlesFilePath, readHandlesLines } from "../handles-file.js";
import { addHubOptions, createHubClient, type HubOptions } from "../hub-options.js";
import {
  parseAdapterOptions,
  parseDeviceHandle,
  parseHeaders,
  parseTagList,
  parseWholeNumber,
  readTextArgument,
} from "../inputs.js";
import type { Cli } from "../io.js";
import { createProgressBar } from "../progress.js";
import { refusePastSchedule } from "../schedule-time.js";
import {
  campaignResultJson,
  printCampaignResult,
  printSendResult,
  sendResultJson,
} from "../send-output.js";
import { onStopRequest, type StopReason, stoppedExitCode } from "../until-stopped.js";
import { type CommandModule, collect } from "./command.js";

interface SendCommandOptions extends HubOptions {
  format: string;
  payload: string;
  tags?: string;
  tagExpression?: string;
  test?: boolean;
  debug?: boolean;
  dump?: boolean;
  header?: string[];
  option?: string[];
  deviceHandle?: string;
  deviceHandles?: string;
  schedule?: string;
  startAt?: string;
}

const EXAMPLES = `
Examples:
  $ nhub send --format windows --payload '<toast><visual><binding template="ToastText01"><text id="1">Hi</text></binding></visual></toast>'
  $ nhub send --format apple --payload '{"aps":{"alert":"Hi"}}' --tags sports,politics --test
  $ nhub send --format template --payload @greeting.json --tag-expression 'fr && !muted'
  $ nhub send --format fcmv1 --payload @message.json --device-handle <fcm-token>
  $ nhub send --format fcmv1 --payload @message.json --device-handles @handles.txt
  $ nhub send --format fcmv1 --payload @message.json --device-handles @handles.txt --start-at 250000
  $ nhub send --format windows --payload @toast.xml --schedule 2030-01-01T09:00:00Z
  $ nhub send --format apple --payload @alert.json --schedule 2030-01-01T09:00:00Z --tags vip

The hub comes from --hub or NH_HUB_NAME, the connection string from --connection-string or
NH_CONNECTION_STRING.`;

async function send(options: SendCommandOptions, cli: Cli): Promise<void> {
  if (options.schedule !== undefined) refusePastSchedule(options.schedule);
  const payload = readTextArgument(options.payload, cli.cwd, "--payload");
  const sendOptions: SendOptions & Record<string, unknown> = parseAdapterOptions(
    options.option ?? [],
  );
  if (options.header) sendOptions.headers = parseHeaders(options.header);
  if (options.tags !== undefined) sendOptions.tags = parseTagList(options.tags);
  if (options.tagExpression !== undefined) sendOptions.tagExpression = options.tagExpression;
  if (options.test) sendOptions.test = true;
  const deviceHandle =
    options.deviceHandle === undefined
      ? undefined
      : parseDeviceHandle(options.format, options.deviceHandle);
  const handles =
    options.deviceHandles === undefined
      ? undefined
      : handlesFilePath(options.deviceHandles, cli.cwd);
  const startAt =
    options.startAt === undefined
      ? 0
      : parseWholeNumber("--start-at", options.startAt, 0, Number.MAX_SAFE_INTEGER);
  const dump = options.json ? cli.err : cli.out;
  const client = createHubClient(
    options,
    cli,
    options.debug || options.dump
      ? { logger: (text) => dump(`${text}\n`), testSend: options.debug === true }
      : undefined,
  );
  try {
    await dispatch(client, options, cli, payload, sendOptions, deviceHandle, handles, startAt);
  } finally {
    await client.close();
  }
}

async function dispatch(
  client: NotificationHubClient,
  options: SendCommandOptions,
  cli: Cli,
  payload: string,
  sendOptions: SendOptions & Record<string, unknown>,
  deviceHandle: ReturnType<typeof parseDeviceHandle> | undefined,
  handles: string | undefined,
  startAt: number,
): Promise<void> {
  const format = options.format;
  if (handles !== undefined) {
    await campaign(client, options, cli, payload, sendOptions, handles, startAt);
    return;
  }
  if (deviceHandle !== undefined) {
    const result = await client.sendDirect(format, payload, deviceHandle, sendOptions);
    if (options.json) cli.out(JSON.stringify(sendResultJson(result)));
    else printSendResult(cli, `Direct ${format} notification sent.`, result);
    return;
  }
  if (options.schedule !== undefined) {
    const result = await client.scheduleSend(format, payload, options.schedule, sendOptions);
    const at = new Date(options.schedule).toISOString();
    if (options.json) cli.out(JSON.stringify({ ...sendResultJson(result), scheduledTime: at }));
    else {
      printSendResult(cli, `${format} notification scheduled for ${at}.`, result);
      if (result.notificationId) cli.out(`  Cancel it with: nhub cancel ${result.notificationId}`);
    }
    return;
  }
  const result = await client.send(format, payload, sendOptions);
  if (options.json) cli.out(JSON.stringify(sendResultJson(result)));
  else printSendResult(cli, `${format} notification sent.`, result);
}

/**
 * `--device-handles @file`: a streamed campaign. Ctrl-C (or SIGTERM) stops it at a chunk
 * boundary: the client is closed, the requests in flight finish (a second Ctrl-C aborts them),
 * and the summary says which `--start-at` resumes it; the exit status is then 130 (143).
 */
async function campaign(
  client: NotificationHubClient,
  options: SendCommandOptions,
  cli: Cli,
  payload: string,
  sendOptions: SendOptions & Record<string, unknown>,
  handles: string,
  startAt: number,
): Promise<void> {
  const bar = createProgressBar(cli.stderr, "handles");
  const abort = new AbortController();
  let stopped: StopReason | undefined;
  const dispose = onStopRequest(cli, (why) => {
    if (stopped !== undefined) {
      abort.abort();
      return;
    }
    stopped = why;
    cli.err(
      "Stopping at a chunk boundary once the requests in flight are answered (Ctrl-C again to abort them).",
    );
    void client.close({ deadlineMs: STOP_DEADLINE_MS });
  });
  let result: CampaignResult;
  try {
    result = await client.sendBatch(options.format, payload, readHandlesLines(handles), {
      ...sendOptions,
      startAt,
      signal: abort.signal,
      onProgress: ({ sent, total }) => bar.update(sent, total),
    });
  } finally {
    dispose();
    bar.done();
  }
  if (result.total === 0 && result.requests === 0 && startAt === 0 && !result.aborted) {
    throw new UsageError(
      `--device-handles: ${options.deviceHandles?.replace(/^@/, "")} holds no handles`,
    );
  }
  if (options.json) cli.out(JSON.stringify(campaignResultJson(result, startAt)));
  else printCampaignResult(cli, result, startAt);
  if (stopped !== undefined) cli.exitCode = stoppedExitCode(stopped);
  else if (result.failed > 0 || result.uncertain > 0 || result.aborted) cli.exitCode = 1;
}

/** How long Ctrl-C lets the requests in flight finish before aborting them. */
const STOP_DEADLINE_MS = 60_000;

const handleOptions = ["deviceHandle", "deviceHandles"];
const direct = [...handleOptions, "schedule"];

/** `nhub send`: a broadcast, tag, test, direct, batch or scheduled send. */
export const sendCommand: CommandModule = {
  name: "send",
  register(program, cli) {
    const command = program
      .command("send")
      .description("send a notification: to every device, to tags, to device handles, or later");
    command
      .addOption(
        new Option("--format <format>", "notification format")
          .choices(FORMATS)
          .makeOptionMandatory(),
      )
      .requiredOption(
        "--payload <text|@file>",
        "the notification body, or @file to read it from a file",
      )
      .addOption(
        new Option(
          "--tags <a,b>",
          "send to devices with any of these tags (comma-separated)",
        ).conflicts(["tagExpression", ...handleOptions]),
      )
      .addOption(
        new Option(
          "--tag-expression <expr>",
          "send to devices matching a tag expression",
        ).conflicts(handleOptions),
      )
      .addOption(
        new Option(
          "--test",
          "test send: reaches at most 10 devices and prints their outcomes",
        ).conflicts(direct),
      )
      .option("--debug", "test send and print each request and response (secrets redacted)")
      .option(
        "--dump",
        "print each request and response (secrets redacted) of a real send (reaches every device)",
      )
      .option("--header <Name:Value>", "extra request header (repeatable)", collect)
      .option(
        "--option <key=value>",
        "platform adapter option, e.g. type=raw (repeatable)",
        collect,
      )
      .addOption(
        new Option(
          "--device-handle <handle>",
          "direct send to one device (browser: JSON subscription)",
        ).conflicts(["deviceHandles", "schedule"]),
      )
      .addOption(
        new Option(
          "--device-handles <@file>",
          "batch direct send to the handles in a file, one per line (Ctrl-C stops at a chunk boundary and prints the --start-at to resume from)",
        ).conflicts("schedule"),
      )
      .option(
        "--start-at <n>",
        "with --device-handles: skip the first n handles (resume a stopped campaign)",
      )
      .option(
        "--schedule <ISO time>",
        "schedule the send for this time (e.g. 2030-01-01T09:00:00Z)",
      );
    addHubOptions(command)
      .addHelpText("after", EXAMPLES)
      .action((options: SendCommandOptions) => send(options, cli));
  },
};
