import { UsageError } from "./cli-error.js";

/**
 * Refuses a `--schedule` time that is already past (exit status 2, nothing sent). A time that is
 * not a date is left to `scheduleSend`, which names the accepted forms.
 */
export function refusePastSchedule(time: string, now: Date = new Date()): void {
  const at = new Date(time);
  if (Number.isNaN(at.getTime()) || time.trim() === "") return;
  if (at.getTime() <= now.getTime()) {
    throw new UsageError(
      `--schedule ${at.toISOString()} is in the past (now ${now.toISOString()}); give a later time, or leave out --schedule to send now.`,
    );
  }
}
