import type {
  BatchSendResult,
  CampaignResult,
  FailedChunk,
  NotificationOutcome,
  SendResult,
} from "@nhub/core";
import { redactSecrets } from "@nhub/core";
import type { Cli } from "./io.js";
import { renderTable } from "./table.js";

/** The JSON printed for a send with `--json`. */
export function sendResultJson(result: SendResult): Record<string, unknown> {
  return {
    notificationId: result.notificationId ?? null,
    trackingId: result.trackingId ?? null,
    correlationId: result.correlationId ?? null,
    location: result.location ?? null,
    ...(result.outcome ? { outcome: result.outcome } : {}),
  };
}

/** Prints the ids of an accepted send. */
export function printSendResult(cli: Cli, heading: string, result: SendResult): void {
  const { color } = cli;
  cli.out(color.green(heading));
  cli.out(
    `  Notification id  ${result.notificationId ?? color.dim("(none: the hub sent no Location)")}`,
  );
  cli.out(`  Tracking id      ${result.trackingId ?? color.dim("(none)")}`);
  if (result.outcome) printOutcome(cli, result.outcome);
}

/** Prints a test send's outcome: the counts, then one row per device reached. */
export function printOutcome(cli: Cli, outcome: NotificationOutcome, indent = "  "): void {
  const { color } = cli;
  const reached = outcome.success + outcome.failure;
  const failed = outcome.failure > 0 ? color.red(`${outcome.failure} failed`) : "0 failed";
  cli.out(
    `${indent}Test send reached ${reached} device(s): ${outcome.success} succeeded, ${failed}.`,
  );
  if (outcome.results.length === 0) return;
  const rows = outcome.results.map((row) => [
    row.platform,
    row.pnsHandle,
    row.registrationId,
    row.outcome,
  ]);
  cli.out(
    renderTable(["Platform", "PNS handle", "Registration id", "Outcome"], rows, color, indent),
  );
}

function errorJson(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    ...(typeof code === "string" ? { code } : {}),
    message: redactSecrets(error.message),
  };
}

/** The JSON printed for a batch send with `--json`. */
export function batchResultJson(result: BatchSendResult): Record<string, unknown> {
  return {
    total: result.total,
    succeeded: result.succeeded,
    failed: result.failed,
    uncertain: result.uncertain,
    aborted: result.aborted,
    ...(result.stoppedAt === undefined ? {} : { stoppedAt: result.stoppedAt }),
    requests: result.requests.map((request) =>
      request.result
        ? {
            handles: request.handles.length,
            notificationId: request.result.notificationId ?? null,
            trackingId: request.result.trackingId ?? null,
          }
        : {
            handles: request.handles.length,
            uncertain: request.uncertain,
            error: errorJson(request.error),
          },
    ),
    failedHandles: result.requests.flatMap((request) =>
      request.error && !request.uncertain ? request.handles : [],
    ),
    uncertainHandles: result.requests.flatMap((request) =>
      request.error && request.uncertain ? request.handles : [],
    ),
  };
}

/** Prints the summary of a batch send: counts, then its requests (only failed ones when many). */
export function printBatchResult(cli: Cli, result: BatchSendResult, indent = "  "): void {
  const { color } = cli;
  const failed = result.failed > 0 ? color.red(`${result.failed} failed`) : "0 failed";
  const uncertain =
    result.uncertain > 0 ? `, ${color.yellow(`${result.uncertain} uncertain`)}` : "";
  const line = `Batch send: ${result.total} handle(s) in ${result.requests.length} request(s): ${result.succeeded} sent, ${failed}${uncertain}.`;
  cli.out(result.failed + result.uncertain > 0 ? line : color.green(line));
  if (result.stoppedAt !== undefined) {
    cli.out(color.yellow(`${indent}Stopped early at handle ${result.stoppedAt}.`));
  }
  const showAll = result.requests.length <= 10;
  const rows: string[][] = [];
  result.requests.forEach((request, index) => {
    if (!showAll && request.result) return;
    const first = request.handles[0] ?? "";
    rows.push([
      String(index + 1),
      String(request.handles.length),
      first,
      request.result
        ? `sent ${request.result.notificationId ?? ""}`.trim()
        : redactSecrets(
            `${request.uncertain ? "(may have been accepted) " : ""}${request.error.name}: ${request.error.message}`,
          ),
    ]);
  });
  if (rows.length > 0) {
    cli.out(renderTable(["Request", "Handles", "First handle", "Result"], rows, color, indent));
  }
}

/** The JSON printed for a `--device-handles` campaign with `--json`. */
export function campaignResultJson(result: CampaignResult, startAt = 0): Record<string, unknown> {
  return {
    total: result.total,
    succeeded: result.succeeded,
    failed: result.failed,
    uncertain: result.uncertain,
    requests: result.requests,
    startAt,
    aborted: result.aborted,
    ...(result.stoppedAt === undefined ? {} : { stoppedAt: result.stoppedAt }),
    failedChunks: result.failedChunks.map(chunkJson),
    failedHandles: result.failedChunks.flatMap((chunk) => chunk.handles),
    uncertainChunks: result.uncertainChunks.map(chunkJson),
    uncertainHandles: result.uncertainChunks.flatMap((chunk) => chunk.handles),
  };
}

function chunkJson(chunk: FailedChunk): Record<string, unknown> {
  return { start: chunk.start, handles: chunk.handles.length, error: errorJson(chunk.error) };
}

/** Prints the summary of a streamed campaign: counts, then each failed chunk. */
export function printCampaignResult(
  cli: Cli,
  result: CampaignResult,
  startAt = 0,
  indent = "  ",
): void {
  const { color } = cli;
  const failed = result.failed > 0 ? color.red(`${result.failed} failed`) : "0 failed";
  const uncertain =
    result.uncertain > 0 ? `, ${color.yellow(`${result.uncertain} uncertain`)}` : "";
  const skipped = startAt > 0 ? ` (skipped the first ${startAt})` : "";
  const line = `Batch send: ${result.total} handle(s) in ${result.requests} request(s): ${result.succeeded} sent, ${failed}${uncertain}.${skipped}`;
  cli.out(result.failed + result.uncertain > 0 ? line : color.green(line));
  if (result.stoppedAt !== undefined) {
    cli.out(color.yellow(`${indent}Stopped early: resume with --start-at ${result.stoppedAt}`));
  }
  const rows = [
    ...result.failedChunks.map((chunk) => chunkRow(chunk, "failed: send again")),
    ...result.uncertainChunks.map((chunk) => chunkRow(chunk, "may have been accepted")),
  ];
  if (rows.length > 0) {
    cli.out(
      renderTable(["Start", "Handles", "First handle", "Outcome", "Error"], rows, color, indent),
    );
  }
}

function chunkRow(chunk: FailedChunk, outcome: string): string[] {
  return [
    String(chunk.start),
    String(chunk.handles.length),
    chunk.handles[0] ?? "",
    outcome,
    redactSecrets(`${chunk.error.name}: ${chunk.error.message}`),
  ];
}
