import type { AnyNotificationAdapter } from "./adapter.js";
import { type ChunkSettled, type FailedChunk, runCampaign } from "./campaign.js";
import type { SendOptions, SendResult } from "./client-types.js";
import { refuseTags } from "./direct-send.js";
import { AbortError, ClientClosedError, InvalidArgumentError } from "./errors.js";
import { type DeviceHandleSource, HandleChunkReader } from "./handle-chunks.js";
import type { SendClient } from "./send-client.js";

/** The multipart boundary of a batch direct send (wire reference, section 4). */
export const BATCH_BOUNDARY = "nh-batch-multipart-boundary";
/** The most device handles the service accepts in one batch request. */
export const MAX_BATCH_HANDLES = 1000;

/** Options of `client.sendBatch`, on top of the send options. */
export interface BatchSendOptions extends SendOptions {
  /** Handles per request, 1 to 1000. Default 1000. */
  batchSize?: number;
  /**
   * Most requests in flight at once, 1 to 64. Default 4. Concurrency adapts to throttling: it
   * starts at this value, halves (down to 1) when a chunk settles after a throttling answer (429,
   * or 403 with `Retry-After`) held the client back, and grows by one per chunk settled without
   * one (counting only chunks sent after the last halving), up to this value again.
   */
  concurrency?: number;
  /**
   * Called after each request finishes (succeeded or failed). For an iterable that is not an
   * array, `total` is the number of handles read so far.
   */
  onProgress?: (progress: { sent: number; total: number }) => void;
  /**
   * Called as each chunk (one request) settles, with its result or error, whether it `uncertain`ly
   * failed, and the `settledThrough` checkpoint. A chunk stopped by `close()` or the signal
   * settles too: as failed when nothing of it was sent, as uncertain when it may have been.
   */
  onChunk?: (chunk: ChunkSettled) => void;
  /**
   * Skips this many handles of the input: a checkpoint's `settledThrough`, or `stoppedAt` of a
   * campaign that stopped early.
   */
  startAt?: number;
  /**
   * With an iterable that is not an array: also list the handles that were accepted in the
   * result's `succeededHandles` (memory then grows with the input). Default false.
   */
  keepSucceededHandles?: boolean;
}

/**
 * What `client.sendBatch` resolves to for an iterable or async iterable that is not an array: a
 * summary, whose memory does not grow with the input. Counts are of handles handed to a request
 * in this run (`total` = `succeeded` + `failed` + `uncertain`); skipped ones, before `startAt`,
 * and ones at or after `stoppedAt` are not counted.
 *
 * To finish a campaign that stopped early (`aborted`), send each handle exactly once by:
 * resuming with `startAt: stoppedAt`, and sending the handles of `failedChunks` again (none of
 * them was accepted). The handles of `uncertainChunks` may or may not have been accepted: sending
 * them again may deliver twice, not sending them may miss those devices; decide per campaign
 * (for a time-critical alert, send again; for a marketing push, usually not).
 */
export interface CampaignResult {
  total: number;
  /** Handles of accepted chunks. */
  succeeded: number;
  /** Handles of chunks that certainly were not accepted (`failedChunks`). */
  failed: number;
  /** Handles of chunks that may or may not have been accepted (`uncertainChunks`). */
  uncertain: number;
  /**
   * HTTP requests made: one per attempt, so a chunk retried after a 429 counts two or more; a
   * chunk refused before sending (`ThrottledError`, `close()`) counts none.
   */
  requests: number;
  /**
   * The chunks that failed and were not accepted (a refusing answer such as 400 or 429 after the
   * retries, a connection that failed before sending, a `ThrottledError`, or stopped by `close()`
   * or the signal before being sent): send exactly these again.
   */
  failedChunks: FailedChunk[];
  /**
   * The chunks that failed after their request may have reached the service (see
   * `ChunkSettled.uncertain`): they may have been accepted. Not in `failedChunks`.
   */
  uncertainChunks: FailedChunk[];
  /** The accepted handles, only with `keepSucceededHandles`. */
  succeededHandles?: string[];
  /**
   * True when the campaign stopped before the end: `client.close()` (at once for new chunks; the
   * chunks in flight at its deadline are aborted), the `signal`, or a throttling hold longer than
   * `retry.maxRetryAfterMs` (its chunk fails with `ThrottledError`, whose `retryAfterMs` says
   * when to resume).
   */
  aborted: boolean;
  /**
   * When stopped early: the index of the first handle not handed to a request. Every handle
   * before it was accepted or is in `failedChunks` or `uncertainChunks`; none at or after it was
   * sent. Resume with `startAt: stoppedAt`. Undefined when the campaign ran to the end.
   */
  stoppedAt?: number;
}

/** One request of a batch send: the handles it carried and its result or error. */
export type BatchRequestOutcome =
  | { start: number; handles: string[]; result: SendResult; error?: undefined; uncertain?: false }
  | {
      start: number;
      handles: string[];
      error: Error;
      result?: undefined;
      /** True when it may have been accepted nevertheless (see `ChunkSettled.uncertain`). */
      uncertain: boolean;
    };

/**
 * What `client.sendBatch` resolves to for an array. Counts are of handles handed to a request in
 * this run, as in {@link CampaignResult}; `aborted` and `stoppedAt` mean the same.
 */
export interface BatchSendResult {
  total: number;
  succeeded: number;
  /** Handles of requests that certainly were not accepted. */
  failed: number;
  /** Handles of requests that may or may not have been accepted (`uncertain: true`). */
  uncertain: number;
  /** One entry per request sent (or stopped), in the order of the handles. */
  requests: BatchRequestOutcome[];
  /** True when `client.close()`, the signal or a too long throttling hold stopped it early. */
  aborted: boolean;
  /**
   * When stopped early: the index of the first handle not handed to a request (resume with
   * `startAt: stoppedAt` and send the failed requests' handles again). Undefined otherwise.
   */
  stoppedAt?: number;
}

const encoder = new TextEncoder();

/** Builds the multipart body: the notification part, then the devices part, CRLF line ends. */
export function buildBatchBody(
  body: string | Uint8Array,
  contentType: string,
  handles: readonly string[],
): string | Uint8Array {
  const head = `--${BATCH_BOUNDARY}\r\nContent-Type: ${contentType}\r\nContent-Disposition: inline; name=notification\r\n\r\n`;
  const tail =
    `\r\n--${BATCH_BOUNDARY}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Disposition: inline; name=devices\r\n\r\n` +
    `${JSON.stringify(handles)}\r\n--${BATCH_BOUNDARY}--`;
  if (typeof body === "string") return head + body + tail;
  const start = encoder.encode(head);
  const end = encoder.encode(tail);
  const out = new Uint8Array(start.length + body.length + end.length);
  out.set(start, 0);
  out.set(body, start.length);
  out.set(end, start.length + body.length);
  return out;
}

function positiveInt(
  value: number | undefined,
  fallback: number,
  max: number,
  name: string,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new InvalidArgumentError(
      `sendBatch: ${name} must be a whole number from 1 to ${max}, got ${value}.`,
    );
  }
  return value;
}

/**
 * Sends one notification to many device handles in requests of at most 1000 (`batchSize`), a
 * bounded, adaptive number in flight (see `concurrency`). Same as `client.sendBatch(...)`; this
 * form works with any client, including the send-only one from `createSendClient`. An array
 * resolves to a {@link BatchSendResult} listing every request; any other iterable or async
 * iterable is read lazily, one chunk at a time, and resolves to a {@link CampaignResult}.
 */
export function sendBatch(
  client: SendClient,
  target: string | AnyNotificationAdapter,
  payload: unknown,
  deviceHandles: readonly string[],
  options?: BatchSendOptions & Record<string, unknown>,
): Promise<BatchSendResult>;
export function sendBatch(
  client: SendClient,
  target: string | AnyNotificationAdapter,
  payload: unknown,
  deviceHandles: DeviceHandleSource,
  options?: BatchSendOptions & Record<string, unknown>,
): Promise<CampaignResult>;
export async function sendBatch(
  client: SendClient,
  target: string | AnyNotificationAdapter,
  payload: unknown,
  deviceHandles: DeviceHandleSource,
  options: BatchSendOptions & Record<string, unknown> = {},
): Promise<BatchSendResult | CampaignResult> {
  refuseTags(options, "sendBatch");
  const list = Array.isArray(deviceHandles) ? (deviceHandles as readonly string[]) : undefined;
  list?.forEach((handle, index) => {
    if (typeof handle !== "string" || handle.trim() === "") {
      throw new InvalidArgumentError(
        `sendBatch: device handle #${index} must be a non-empty string.`,
      );
    }
  });
  const size = positiveInt(options.batchSize, MAX_BATCH_HANDLES, MAX_BATCH_HANDLES, "batchSize");
  const concurrency = positiveInt(options.concurrency, 4, 64, "concurrency");
  const startAt = options.startAt ?? 0;
  if (!Number.isSafeInteger(startAt) || startAt < 0) {
    throw new InvalidArgumentError(
      `sendBatch: startAt must be a whole number of handles to skip, 0 or more; got ${startAt}.`,
    );
  }
  if (client.closed) {
    throw new ClientClosedError(
      "sendBatch refused: this client is closed (client.close() was called). Create a new client to send again.",
    );
  }
  const prepared = client.prepare(target, payload, options);
  const contentType = prepared.headers["Content-Type"] as string;
  const reader = new HandleChunkReader(deviceHandles, size, startAt);
  const requests: BatchRequestOutcome[] = [];
  const failedChunks: FailedChunk[] = [];
  const uncertainChunks: FailedChunk[] = [];
  const succeededHandles = options.keepSucceededHandles && !list ? ([] as string[]) : undefined;
  let succeeded = 0;
  let failed = 0;
  let uncertain = 0;
  const end = await runCampaign({
    client,
    reader,
    concurrency,
    startAt,
    signal: options.signal,
    send: async (chunk, onAttempt) => {
      if (options.signal?.aborted)
        throw new AbortError("sendBatch was aborted before this request was sent.");
      const headers = {
        ...prepared.headers,
        "Content-Type": `multipart/mixed; boundary="${BATCH_BOUNDARY}"`,
      };
      const response = await client.execute(
        "POST",
        "messages/$batch?api-version=2020-06&direct",
        headers,
        buildBatchBody(prepared.body, contentType, chunk.handles),
        {
          idempotent: false,
          signal: options.signal,
          operation: "Batch send",
          handles: chunk.handles.length,
          onAttempt,
        },
      );
      return client.toSendResult(response, false);
    },
    settled: (chunk) => {
      const { start, handles, result, error } = chunk;
      if (result) {
        succeeded += handles.length;
        succeededHandles?.push(...handles);
      } else if (chunk.uncertain) {
        uncertain += handles.length;
        if (!list) uncertainChunks.push({ start, handles, error: error as Error });
      } else {
        failed += handles.length;
        if (!list) failedChunks.push({ start, handles, error: error as Error });
      }
      if (list) {
        requests.push(
          result
            ? { start, handles, result }
            : { start, handles, error: error as Error, uncertain: chunk.uncertain },
        );
      }
      options.onProgress?.({
        sent: succeeded + failed + uncertain,
        total: list?.length ?? reader.position,
      });
      options.onChunk?.(chunk);
    },
  });
  const stopped = end.stoppedAt === undefined ? {} : { stoppedAt: end.stoppedAt };
  const total = succeeded + failed + uncertain;
  if (list) {
    // Requests settle out of order; the result lists them in the order of the handles.
    requests.sort((a, b) => a.start - b.start);
    return {
      total,
      succeeded,
      failed,
      uncertain,
      requests,
      aborted: end.stoppedAt !== undefined,
      ...stopped,
    };
  }
  return {
    total,
    succeeded,
    failed,
    uncertain,
    requests: end.requests,
    failedChunks,
    uncertainChunks,
    ...(succeededHandles ? { succeededHandles } : {}),
    aborted: end.stoppedAt !== undefined,
    ...stopped,
  };
}
