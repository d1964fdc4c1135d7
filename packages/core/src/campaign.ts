import type { SendResult } from "./client-types.js";
import { AbortError, ClientClosedError } from "./errors.js";
import type { HandleChunk, HandleChunkReader } from "./handle-chunks.js";
import type { SendClient } from "./send-client.js";

/** What `onChunk` receives as each chunk (one request) of a batch send settles. */
export interface ChunkSettled {
  /** Index in the input of the chunk's first handle. */
  start: number;
  handles: string[];
  /** The service's answer when the chunk was accepted. */
  result?: SendResult;
  /** Why the chunk failed. */
  error?: Error;
  /**
   * Every handle before this index is settled (its chunk was accepted or failed): the value to
   * checkpoint and pass back as `startAt` to resume without re-sending accepted chunks.
   */
  settledThrough: number;
}

/** A chunk that failed: retry exactly these handles. */
export interface FailedChunk {
  start: number;
  handles: string[];
  error: Error;
}

/** @internal What the campaign loop needs from its caller. */
export interface CampaignRun {
  client: SendClient;
  reader: HandleChunkReader;
  concurrency: number;
  signal: AbortSignal | undefined;
  send(chunk: HandleChunk): Promise<SendResult>;
  settled(chunk: ChunkSettled): void;
}

/** @internal How a campaign ended. */
export interface CampaignEnd {
  /** Where it stopped early (close or abort): every handle before it settled; else undefined. */
  stoppedAt: number | undefined;
  /** Requests made (one per chunk sent). */
  requests: number;
}

function isShutdown(error: unknown): boolean {
  return ClientClosedError.isInstance(error) || AbortError.isInstance(error);
}

/**
 * @internal Runs a batch send with adaptive concurrency: it starts at `concurrency` requests in
 * flight, halves (down to 1) when a chunk settles after the client started a new throttling
 * hold, and grows back by one per chunk settled without one (counting only chunks sent since the
 * last halving), up to `concurrency`. Chunks are read
 * one at a time, only when a request slot is free, so memory stays bounded by concurrency × size.
 */
export async function runCampaign(run: CampaignRun): Promise<CampaignEnd> {
  const { client, reader } = run;
  let limit = run.concurrency;
  let active = 0;
  let requests = 0;
  let holdsSeen = client.throttle.holds;
  // Bumped at each halving: only chunks launched since then grow the limit back.
  let generation = 0;
  let stoppedAt: number | undefined;
  let failure: unknown;
  // Starts of chunks not yet settled, to compute `settledThrough` (at most `concurrency` long).
  const open: number[] = [];
  let wake: (() => void) | undefined;
  const stopping = () => client.closed || run.signal?.aborted === true || failure !== undefined;
  const stopAt = (start: number) => {
    stoppedAt = Math.min(stoppedAt ?? start, start);
  };

  const launch = (chunk: HandleChunk) => {
    const launched = generation;
    active++;
    requests++;
    open.push(chunk.start);
    run.send(chunk).then(
      (result) => settle(chunk, launched, result, undefined),
      (error: Error) => settle(chunk, launched, undefined, error),
    );
  };
  const settle = (chunk: HandleChunk, launched: number, result?: SendResult, error?: Error) => {
    active--;
    open.splice(open.indexOf(chunk.start), 1);
    if (client.throttle.holds > holdsSeen) {
      holdsSeen = client.throttle.holds;
      limit = Math.max(1, Math.floor(limit / 2));
      generation++;
    } else if (launched === generation && limit < run.concurrency) limit++;
    if (error && isShutdown(error)) stopAt(chunk.start);
    const settledThrough = Math.min(open[0] ?? reader.position, stoppedAt ?? reader.position);
    try {
      run.settled({ start: chunk.start, handles: chunk.handles, result, error, settledThrough });
    } catch (caught) {
      failure ??= caught;
    }
    wake?.();
  };

  for (;;) {
    while (active < limit && !reader.done && !stopping()) {
      let chunk: HandleChunk | undefined;
      try {
        chunk = await reader.next();
      } catch (caught) {
        failure ??= caught;
        break;
      }
      if (!chunk) break;
      if (stopping()) {
        stopAt(chunk.start);
        break;
      }
      launch(chunk);
    }
    if (active === 0) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
  if (!reader.done && stoppedAt === undefined && failure === undefined) stopAt(reader.position);
  await reader.close();
  if (failure !== undefined) throw failure;
  return { stoppedAt, requests };
}
