import type { SendResult } from "./client-types.js";
import { AbortError, ClientClosedError, ThrottledError } from "./errors.js";
import type { HandleChunk, HandleChunkReader } from "./handle-chunks.js";
import { mayHaveBeenAccepted } from "./retry.js";
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
   * True when the chunk failed but may nevertheless have been accepted (`mayHaveBeenAccepted`):
   * its request may have reached the service and no answer refused it (aborted by `close()` or
   * the signal after it was written, a time-out, a connection lost after writing, a 408, 500,
   * 502 or 504). Sending it again may deliver twice. Counted as `uncertain`, not `failed`.
   */
  uncertain: boolean;
  /**
   * Every handle before this index belongs to a settled chunk (accepted, failed or uncertain):
   * the value to checkpoint (with the failed and uncertain chunks reported so far) and pass back
   * as `startAt` to resume without sending an accepted chunk twice. It never passes the first
   * handle of a chunk not yet settled, including one still being read from the source.
   */
  settledThrough: number;
}

/** A chunk that failed (or, in `uncertainChunks`, whose outcome is unknown). */
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
  /** Handles skipped at the start of the input (`startAt`). */
  startAt: number;
  signal: AbortSignal | undefined;
  /** Sends one chunk; `onAttempt` is called as each HTTP attempt of it goes out. */
  send(chunk: HandleChunk, onAttempt: () => void): Promise<SendResult>;
  settled(chunk: ChunkSettled): void;
}

/** @internal How a campaign ended. */
export interface CampaignEnd {
  /**
   * Set when it stopped before the end of the input: the index of the first handle not handed to
   * a request. Every chunk before it settled (accepted, failed or uncertain).
   */
  stoppedAt: number | undefined;
  /** HTTP requests made (retries included; chunks refused before sending not counted). */
  requests: number;
}

/**
 * Errors after which the campaign sends no more chunks: `close()` or the signal stopped the
 * chunk, or a throttling hold is longer than the client may wait (every later chunk would be
 * refused the same way).
 */
function stopsCampaign(error: unknown): boolean {
  return (
    ClientClosedError.isInstance(error) ||
    AbortError.isInstance(error) ||
    ThrottledError.isInstance(error)
  );
}

/**
 * @internal Runs a batch send with adaptive concurrency: it starts at `concurrency` requests in
 * flight, halves (down to 1) when a chunk settles after the client started a new throttling
 * hold, and grows back by one per chunk settled without one (counting only chunks sent since the
 * last halving), up to `concurrency`. Chunks are read one at a time, only when a request slot is
 * free, so memory stays bounded by concurrency × size. Once stopping (close, abort, a hold too
 * long), it reads no more chunks and waits for those in flight to settle.
 */
export async function runCampaign(run: CampaignRun): Promise<CampaignEnd> {
  const { client, reader } = run;
  let limit = run.concurrency;
  let active = 0;
  let requests = 0;
  let holdsSeen = client.throttle.holds;
  // Bumped at each halving: only chunks launched since then grow the limit back.
  let generation = 0;
  let halted = false;
  let failure: unknown;
  // End of the last chunk handed to a request: the start of the chunk being read, if any.
  let launchedThrough = run.startAt;
  // Starts of chunks not yet settled, in input order (at most `concurrency` long).
  const open: number[] = [];
  let wake: (() => void) | undefined;
  const countAttempt = () => {
    requests++;
  };
  const stopping = () =>
    halted || client.closed || run.signal?.aborted === true || failure !== undefined;

  const launch = (chunk: HandleChunk) => {
    const launched = generation;
    active++;
    open.push(chunk.start);
    launchedThrough = chunk.start + chunk.handles.length;
    run.send(chunk, countAttempt).then(
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
    if (error && stopsCampaign(error)) halted = true;
    const uncertain = error !== undefined && mayHaveBeenAccepted(error);
    const settledThrough = open[0] ?? launchedThrough;
    try {
      run.settled({
        start: chunk.start,
        handles: chunk.handles,
        result,
        error,
        uncertain,
        settledThrough,
      });
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
      // A chunk read while the campaign started stopping is not sent: it lies after stoppedAt.
      if (!chunk || stopping()) break;
      launch(chunk);
    }
    if (active === 0) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
  const stoppedEarly = halted || !reader.done;
  await reader.close();
  if (failure !== undefined) throw failure;
  return { stoppedAt: stoppedEarly ? launchedThrough : undefined, requests };
}
