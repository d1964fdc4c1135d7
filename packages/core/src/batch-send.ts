import type { AnyNotificationAdapter } from "./adapter.js";
import type { SendOptions, SendResult } from "./client-types.js";
import { refuseTags } from "./direct-send.js";
import { AbortError, InvalidArgumentError } from "./errors.js";
import type { SendClient } from "./send-client.js";

/** The multipart boundary of a batch direct send (wire reference, section 4). */
export const BATCH_BOUNDARY = "nh-batch-multipart-boundary";
/** The most device handles the service accepts in one batch request. */
export const MAX_BATCH_HANDLES = 1000;

/** Options of `client.sendBatch`, on top of the send options. */
export interface BatchSendOptions extends SendOptions {
  /** Handles per request, 1 to 1000. Default 1000. */
  batchSize?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Called after each request finishes (succeeded or failed). */
  onProgress?: (progress: { sent: number; total: number }) => void;
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
 * bounded number in flight. Same as `client.sendBatch(...)`; this form works with any client,
 * including the send-only one from `createSendClient`.
 */
export async function sendBatch(
  client: SendClient,
  target: string | AnyNotificationAdapter,
  payload: unknown,
  deviceHandles: Iterable<string>,
  options: BatchSendOptions & Record<string, unknown> = {},
): Promise<BatchSendResult> {
  refuseTags(options, "sendBatch");
  const handles = [...deviceHandles];
  handles.forEach((handle, index) => {
    if (typeof handle !== "string" || handle.trim() === "") {
      throw new InvalidArgumentError(
        `sendBatch: device handle #${index} must be a non-empty string.`,
      );
    }
  });
  const size = positiveInt(options.batchSize, MAX_BATCH_HANDLES, MAX_BATCH_HANDLES, "batchSize");
  const concurrency = positiveInt(options.concurrency, 4, 64, "concurrency");
  const prepared = client.prepare(target, payload, options);
  const contentType = prepared.headers["Content-Type"] as string;
  const chunks: string[][] = [];
  for (let i = 0; i < handles.length; i += size) chunks.push(handles.slice(i, i + size));
  const requests: BatchRequestOutcome[] = new Array(chunks.length);
  let next = 0;
  let sent = 0;
  async function worker(): Promise<void> {
    while (next < chunks.length) {
      const index = next++;
      const chunk = chunks[index] as string[];
      try {
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
          buildBatchBody(prepared.body, contentType, chunk),
          { idempotent: false, signal: options.signal, operation: "Batch send" },
        );
        requests[index] = { handles: chunk, result: client.toSendResult(response, false) };
      } catch (error) {
        requests[index] = { handles: chunk, error: error as Error };
      }
      sent += chunk.length;
      options.onProgress?.({ sent, total: handles.length });
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  let succeeded = 0;
  for (const request of requests) if (request.result) succeeded += request.handles.length;
  return { total: handles.length, succeeded, failed: handles.length - succeeded, requests };
}
