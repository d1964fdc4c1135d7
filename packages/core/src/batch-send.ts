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
  /** Called as each chunk (one request) settles, with its result or error: for checkpoints. */
  onChunk?: (chunk: ChunkSettled) => void;
  /** Skips this many handles of the input (resume from a checkpoint's `settledThrough`). */
  startAt?: number;
  /**
   * With an iterable that is not an array: also list the handles that were accepted in the
   * result's `succeededHandles` (memory then grows with the input). Default false.
   */
  keepSucceededHandles?: boolean;
}

/**
 * What `client.sendBatch` resolves to for an iterable or async iterable that is not an array: a
 * summary, whose memory does not grow with the input. Counts are of handles sent in this run
 * (skipped ones, before `startAt`, are not counted).
 */
export interface CampaignResult {
  total: number;
  succeeded: number;
  failed: number;
  /** Requests made (one per chunk). */
  requests: number;
  /** The chunks that failed, with their handles and errors, to retry exactly those. */
  failedChunks: FailedChunk[];
  /** The accepted handles, only with `keepSucceededHandles`. */
  succeededHandles?: string[];
  /** True when `client.close()` or the `signal` stopped the campaign before the end. */
  aborted: boolean;
  /**
   * When stopped early: the index in the input where it stopped; every handle before it settled
   * (pass it back as `startAt` and retry `failedChunks`). Undefined when it ran to the end.
   */
  stoppedAt?: number;
}

/** One request of a batch send: the handles it carried and its result or error. */
export type BatchRequestOutcome =
  | { handles: string[]; result: SendResult; error?: undefined }
  | { handles: string[]; error: Error; result?: undefined };

/** What `client.sendBatch` resolves to. Counts are of handles. */
export interface BatchSendResult {
  total: number;
  succeeded: number;
  failed: number;
  /** One entry per request, in the order of the handles. */
  requests: BatchRequestOutcome[];
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
  const starts: number[] = [];
  const failedChunks: FailedChunk[] = [];
  const succeededHandles = options.keepSucceededHandles && !list ? ([] as string[]) : undefined;
  let succeeded = 0;
  let failed = 0;
  const end = await runCampaign({
    client,
    reader,
    concurrency,
    signal: options.signal,
    send: async (chunk) => {
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
        { idempotent: false, signal: options.signal, operation: "Batch send" },
      );
      return client.toSendResult(response, false);
    },
    settled: (chunk) => {
      const { start, handles, result, error } = chunk;
      if (result) {
        succeeded += handles.length;
        succeededHandles?.push(...handles);
      } else {
        failed += handles.length;
        if (!list) failedChunks.push({ start, handles, error: error as Error });
      }
      if (list) {
        starts.push(start);
        requests.push(result ? { handles, result } : { handles, error: error as Error });
      }
      options.onProgress?.({ sent: succeeded + failed, total: list?.length ?? reader.position });
      options.onChunk?.(chunk);
    },
  });
  if (list) {
    // Requests settle out of order; the result lists them in the order of the handles.
    const ordered = [...requests.keys()].sort((a, b) => (starts[a] ?? 0) - (starts[b] ?? 0));
    const total = Math.max(0, list.length - startAt);
    return {
      total,
      succeeded,
      failed: total - succeeded,
      requests: ordered.map((i) => requests[i] as BatchRequestOutcome),
    };
  }
  return {
    total: succeeded + failed,
    succeeded,
    failed,
    requests: end.requests,
    failedChunks,
    ...(succeededHandles ? { succeededHandles } : {}),
    aborted: end.stoppedAt !== undefined,
    ...(end.stoppedAt === undefined ? {} : { stoppedAt: end.stoppedAt }),
  };
}
