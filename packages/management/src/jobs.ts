import { AbortError, InvalidArgumentError } from "@nhub/core";
import {
  ATOM_ENTRY,
  assertClient,
  type HubClient,
  type OperationOptions,
  readResponse,
  segment,
  withSignal,
} from "./hub-client.js";
import type {
  NotificationHubJob,
  NotificationHubJobInput,
  NotificationHubJobType,
} from "./job-types.js";
import { parseJobEntry, parseJobFeed, serializeJob } from "./job-xml.js";
import { isRecord } from "./validate.js";
import { assertXmlText } from "./xml.js";

const TYPES: readonly NotificationHubJobType[] = [
  "ExportRegistrations",
  "ImportCreateRegistrations",
  "ImportUpdateRegistrations",
  "ImportDeleteRegistrations",
  "ImportUpsertRegistrations",
];

function assertUrl(value: unknown, field: string): void {
  let ok = false;
  if (typeof value === "string") {
    try {
      ok = ["https:", "http:"].includes(new URL(value).protocol);
    } catch {
      ok = false;
    }
  }
  if (!ok)
    throw new InvalidArgumentError(
      `submitJob: ${field} must be an absolute https URL (a blob SAS URL).`,
    );
  assertXmlText(value as string, `submitJob: ${field}`);
}

/**
 * Submits an export or import job (`POST jobs`). Resolves to the job as the service stored it
 * (with its `jobId`; `status` may still be absent).
 */
export async function submitJob(
  client: HubClient,
  job: NotificationHubJobInput,
  options?: OperationOptions,
): Promise<NotificationHubJob> {
  assertClient(client, "submitJob");
  if (!isRecord(job) || !TYPES.includes(job.type)) {
    throw new InvalidArgumentError(`submitJob: job.type must be one of ${TYPES.join(", ")}.`);
  }
  assertUrl(job.outputContainerUrl, "outputContainerUrl");
  const isImport = job.type.startsWith("Import");
  if (isImport) assertUrl(job.importFileUrl, "importFileUrl (needed by import jobs)");
  else if (job.importFileUrl !== undefined) {
    throw new InvalidArgumentError(
      "submitJob: importFileUrl is only read by import jobs; remove it from an export job.",
    );
  }
  const body = serializeJob({
    type: job.type,
    outputContainerUrl: job.outputContainerUrl,
    ...(isImport ? { importFileUrl: job.importFileUrl } : {}),
  });
  const response = await client.request(
    withSignal(
      { method: "POST", path: "jobs", headers: { "Content-Type": ATOM_ENTRY }, body },
      options,
    ),
  );
  return readResponse("submitJob", () => parseJobEntry(response.body));
}

/** Reads a job (`GET jobs/{id}`). */
export async function getJob(
  client: HubClient,
  jobId: string,
  options?: OperationOptions,
): Promise<NotificationHubJob> {
  assertClient(client, "getJob");
  const id = segment(jobId, "jobId", "getJob");
  const response = await client.request(withSignal({ method: "GET", path: `jobs/${id}` }, options));
  return readResponse("getJob", () => parseJobEntry(response.body));
}

/** Lists the hub's jobs (`GET jobs`). */
export async function listJobs(
  client: HubClient,
  options?: OperationOptions,
): Promise<NotificationHubJob[]> {
  assertClient(client, "listJobs");
  const response = await client.request(withSignal({ method: "GET", path: "jobs" }, options));
  return readResponse("listJobs", () => parseJobFeed(response.body));
}

/** Options of {@link waitForJob}. */
export interface WaitForJobOptions extends OperationOptions {
  /** Time between polls in ms. Default 5000. */
  intervalMs?: number;
  /** Called with the job after every poll. */
  onProgress?: (job: NotificationHubJob) => void;
}

/**
 * Polls a job until its status is `Completed` or `Failed` and resolves to that job (check
 * `status`: a failed job resolves too, with `failure`). Rejects with core's `AbortError` when
 * `signal` fires.
 */
export async function waitForJob(
  client: HubClient,
  jobId: string,
  options: WaitForJobOptions = {},
): Promise<NotificationHubJob> {
  assertClient(client, "waitForJob");
  segment(jobId, "jobId", "waitForJob");
  const interval = options.intervalMs ?? 5000;
  if (!Number.isFinite(interval) || interval < 0) {
    throw new InvalidArgumentError(
      `waitForJob: intervalMs must be a number of milliseconds, 0 or more; got ${interval}.`,
    );
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new InvalidArgumentError(
      "waitForJob: onProgress must be a function that receives the job.",
    );
  }
  for (;;) {
    throwIfAborted(options.signal);
    const job = await getJob(client, jobId, options);
    options.onProgress?.(job);
    if (job.status === "Completed" || job.status === "Failed") return job;
    await delay(interval, options.signal);
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError("waitForJob was aborted.", { cause: signal.reason });
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError("waitForJob was aborted.", { cause: signal.reason }));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError("waitForJob was aborted.", { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
