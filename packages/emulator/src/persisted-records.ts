import type { NotificationRecord, ScheduledPush } from "./hub-store.js";
import type { JobRecord } from "./job-runner.js";

/** An object as JSON, with the names of its top-level `Date` fields. */
interface Dated {
  value: Record<string, unknown>;
  dates: string[];
}

function dated(value: object): Dated {
  const dates = Object.entries(value)
    .filter(([, field]) => field instanceof Date)
    .map(([name]) => name);
  return { value: value as Record<string, unknown>, dates };
}

function undated<T>({ value, dates }: Dated): T {
  const copy = { ...value };
  for (const name of dates) copy[name] = new Date(String(copy[name]));
  return copy as T;
}

/** A scheduled push and its notification record, as stored. */
interface StoredScheduled {
  record: Dated;
  outcomeCounts: [string, [string, number][]][];
  at: string;
  send: ScheduledPush["send"];
}

/** The JSON text stored for a scheduled push (its state, time, send and outcome counts). */
export function encodeScheduled(record: NotificationRecord, push: ScheduledPush): string {
  const { outcomeCounts, ...rest } = record;
  return JSON.stringify({
    record: dated(rest),
    outcomeCounts: [...outcomeCounts].map(([platform, counts]) => [platform, [...counts]]),
    at: push.at.toISOString(),
    send: push.send,
  } satisfies StoredScheduled);
}

/** Reads back what {@link encodeScheduled} wrote. */
export function decodeScheduled(text: string): { record: NotificationRecord; push: ScheduledPush } {
  const stored = JSON.parse(text) as StoredScheduled;
  const record = undated<NotificationRecord>(stored.record);
  record.outcomeCounts = new Map(
    stored.outcomeCounts.map(([platform, counts]) => [platform, new Map(counts)]),
  );
  return { record, push: { at: new Date(stored.at), send: stored.send } };
}

/** The JSON text stored for a job: the job, its remaining work and step count. */
export function encodeJob(record: JobRecord): string {
  return JSON.stringify({ ...record, job: dated(record.job) });
}

/** Reads back what {@link encodeJob} wrote. */
export function decodeJob(text: string): JobRecord {
  const stored = JSON.parse(text) as Omit<JobRecord, "job"> & { job: Dated };
  return { ...stored, job: undated<JobRecord["job"]>(stored.job) };
}
