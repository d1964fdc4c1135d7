import { randomUUID } from "node:crypto";
import type { NotificationHubJob, NotificationHubJobType } from "@nhub/management";
import type { EmulatorContext } from "./context.js";
import { fileUrl, parseFileUrl } from "./file-routes.js";
import type { HubStore } from "./hub-store.js";
import { readRegistrationBody, registrationEntry } from "./registration-io.js";
import { newRegistrationId } from "./registration-store.js";

/** Every job type the service knows. */
export const JOB_TYPES: readonly NotificationHubJobType[] = [
  "ExportRegistrations",
  "ImportCreateRegistrations",
  "ImportUpdateRegistrations",
  "ImportDeleteRegistrations",
  "ImportUpsertRegistrations",
];

/** How many steps a job's work is split into (so progress goes 25, 50, 75, 100). */
export const JOB_WORK_STEPS = 4;

/** A job and what is left of its work (plain data, so the store can persist it). */
export interface JobRecord {
  job: NotificationHubJob & { jobId: string };
  /** The work, once the first step has read it. */
  state?: JobState;
  /** How many steps were scheduled. */
  step: number;
}

/** One unit of a job's work: an export line or an import entry. */
export interface WorkItem {
  line: number;
  text: string;
}

/** A job's work and how far it got. */
export interface JobState {
  items: WorkItem[];
  done: number;
  output: string[];
  failed: string[];
}

/** A job id shaped like the service's: digits followed by a GUID. */
export function newJobId(now: Date): string {
  return `${now.getTime()}${randomUUID()}`;
}

/**
 * Splits an import file into entries: one Atom entry per line, where a line that does not start
 * a new entry (`<?xml`, `<entry` or `<...RegistrationDescription`) continues the previous one (a
 * `BodyTemplate` may hold newlines). Blank lines between entries are skipped.
 */
export function splitImportFile(text: string): WorkItem[] {
  const items: WorkItem[] = [];
  const starts = /^\s*<(\?xml|entry[\s>/]|[A-Za-z]*RegistrationDescription[\s>/])/;
  text.split(/\r?\n/).forEach((line, index) => {
    const last = items[items.length - 1];
    if (starts.test(line) || last === undefined) {
      if (line.trim() !== "") items.push({ line: index + 1, text: line });
    } else {
      last.text += `\n${line}`;
    }
  });
  for (const item of items) item.text = item.text.replace(/\s+$/, "");
  return items.filter((item) => item.text !== "");
}

function importOne(
  hub: HubStore,
  context: EmulatorContext,
  type: NotificationHubJobType,
  text: string,
): string {
  const registration = readRegistrationBody(text);
  if ("status" in registration) throw new Error(registration.detail ?? "invalid registration");
  const now = context.now();
  const store = hub.registrations;
  const given = registration.registrationId;
  const ttl = context.management.registrationTtlMs;
  if (type === "ImportCreateRegistrations" || (type === "ImportUpsertRegistrations" && !given)) {
    let id = newRegistrationId();
    while (store.lookup(id, now).state !== "missing") id = newRegistrationId();
    return store.put(id, registration, now, ttl).registration.registrationId;
  }
  if (!given) throw new Error("the entry has no RegistrationId");
  if (type !== "ImportUpsertRegistrations" && store.lookup(given, now).state !== "live") {
    throw new Error(`registration '${given}' does not exist`);
  }
  if (type === "ImportDeleteRegistrations") store.delete(given);
  else store.put(given, registration, now, ttl);
  return given;
}

function startWork(hub: HubStore, context: EmulatorContext, job: NotificationHubJob): JobState {
  if (job.type === "ExportRegistrations") {
    const items = hub.registrations
      .live(context.now())
      .map((entry, index) => ({ line: index + 1, text: registrationEntry(entry, false) }));
    return { items, done: 0, output: [], failed: [] };
  }
  const location = parseFileUrl(context, job.importFileUrl ?? "");
  if (location === undefined || location.hubName.toLowerCase() !== hub.name.toLowerCase()) {
    throw new Error(
      `ImportFileUri must be a file URL of this hub in the emulator (${context.url}${hub.name}/$files/{name}?sig=..., from emulator.putFile).`,
    );
  }
  if (!location.sigOk) throw new Error("the sig of the ImportFileUri is missing or wrong");
  const text = hub.files.get(location.name);
  if (text === undefined) throw new Error(`the import file '${location.name}' does not exist`);
  return { items: splitImportFile(text), done: 0, output: [], failed: [] };
}

function runBatch(hub: HubStore, context: EmulatorContext, record: JobRecord, state: JobState) {
  const batch = Math.max(1, Math.ceil(state.items.length / JOB_WORK_STEPS));
  for (const item of state.items.slice(state.done, state.done + batch)) {
    if (record.job.type === "ExportRegistrations") {
      state.output.push(item.text);
      continue;
    }
    try {
      state.output.push(`${item.line},${importOne(hub, context, record.job.type, item.text)}`);
    } catch (error) {
      state.failed.push(`${item.line},${(error as Error).message.replace(/\r?\n/g, " ")}`);
    }
  }
  state.done = Math.min(state.items.length, state.done + batch);
}

/** `OutputFilePath` (and for imports `FailedFilePath`): file URLs on the emulator's URL. */
function outputProperties(context: EmulatorContext, hub: HubStore, job: JobRecord["job"]) {
  const properties: Record<string, string> = {
    OutputFilePath: fileUrl(context, hub, `${job.jobId}/Output.txt`),
  };
  if (job.type !== "ExportRegistrations") {
    properties.FailedFilePath = fileUrl(context, hub, `${job.jobId}/Failed.txt`);
  }
  return properties;
}

function finish(hub: HubStore, context: EmulatorContext, record: JobRecord, state: JobState) {
  const { job } = record;
  hub.files.set(`${job.jobId}/Output.txt`, state.output.map((line) => `${line}\n`).join(""));
  if (job.type !== "ExportRegistrations") {
    hub.files.set(`${job.jobId}/Failed.txt`, state.failed.map((line) => `${line}\n`).join(""));
  }
  job.outputProperties = outputProperties(context, hub, job);
  job.status = "Completed";
  job.progress = 100;
  delete record.state;
}

/**
 * Stores a submitted job as `Started` and runs it in steps `jobStepMs` apart on the emulator's
 * scheduler: `Running` (progress 0), then a quarter of the work per step (progress 25, 50, 75),
 * the last quarter ending it `Completed` (100) with `outputProperties`; or `Failed` with
 * `failure` when the import file cannot be read.
 */
export function startJob(
  hub: HubStore,
  context: EmulatorContext,
  input: Pick<NotificationHubJob, "type" | "outputContainerUrl" | "importFileUrl">,
): JobRecord {
  const now = context.now();
  const jobId = newJobId(now);
  const job: JobRecord["job"] = {
    jobId,
    type: input.type,
    outputContainerUrl: input.outputContainerUrl,
    ...(input.importFileUrl === undefined ? {} : { importFileUrl: input.importFileUrl }),
    status: "Started",
    progress: 0,
    createdAt: now,
    updatedAt: now,
  };
  const record: JobRecord = { job, step: 0 };
  hub.jobs.set(jobId, record);
  scheduleStep(hub, context, record);
  return record;
}

function scheduleStep(hub: HubStore, context: EmulatorContext, record: JobRecord): void {
  const at = new Date(context.now().getTime() + context.management.jobStepMs);
  const id = `job:${hub.name}:${record.job.jobId}:${record.step++}`;
  context.scheduler.schedule(id, at, () => {
    runStep(hub, context, record);
    hub.changes.mark("job", record.job.jobId);
    context.persist?.();
  });
}

function runStep(hub: HubStore, context: EmulatorContext, record: JobRecord): void {
  const { job } = record;
  job.updatedAt = context.now();
  try {
    if (record.state === undefined) {
      record.state = startWork(hub, context, job);
      job.status = "Running";
      job.progress = 0;
    } else {
      const state = record.state;
      runBatch(hub, context, record, state);
      if (state.done >= state.items.length) {
        finish(hub, context, record, state);
        return;
      }
      job.progress = Math.floor((state.done / state.items.length) * 100);
    }
  } catch (error) {
    job.status = "Failed";
    job.failure = (error as Error).message;
    return;
  }
  scheduleStep(hub, context, record);
}

/**
 * After a restart from `dataDir`: a job that was still `Started` or `Running` goes on from the
 * last step that was persisted; the output file URLs of finished jobs are pointed at the
 * emulator's current URL.
 */
export function resumeJobs(context: EmulatorContext, hub: HubStore): void {
  for (const record of hub.jobs.values()) {
    const { job } = record;
    if (job.status === "Started" || job.status === "Running") {
      scheduleStep(hub, context, record);
    } else if (job.status === "Completed") {
      job.outputProperties = outputProperties(context, hub, job);
    }
  }
}
