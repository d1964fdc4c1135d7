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

/** A job and what is left of its work. */
export interface JobRecord {
  job: NotificationHubJob & { jobId: string };
}

/** One unit of a job's work: an export line or an import entry. */
interface WorkItem {
  line: number;
  text: string;
}

interface JobState {
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

function finish(hub: HubStore, context: EmulatorContext, record: JobRecord, state: JobState) {
  const { job } = record;
  const output = `${job.jobId}/Output.txt`;
  const failed = `${job.jobId}/Failed.txt`;
  hub.files.set(output, state.output.map((line) => `${line}\n`).join(""));
  const properties: Record<string, string> = { OutputFilePath: fileUrl(context, hub, output) };
  if (job.type !== "ExportRegistrations") {
    hub.files.set(failed, state.failed.map((line) => `${line}\n`).join(""));
    properties.FailedFilePath = fileUrl(context, hub, failed);
  }
  job.outputProperties = properties;
  job.status = "Completed";
  job.progress = 100;
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
  const record: JobRecord = { job };
  hub.jobs.set(jobId, record);
  let state: JobState | undefined;
  let step = 0;
  const next = () => {
    const at = new Date(context.now().getTime() + context.management.jobStepMs);
    context.scheduler.schedule(`job:${hub.name}:${jobId}:${step++}`, at, run);
  };
  const run = () => {
    job.updatedAt = context.now();
    try {
      if (state === undefined) {
        state = startWork(hub, context, job);
        job.status = "Running";
        job.progress = 0;
      } else {
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
    next();
  };
  next();
  return record;
}
