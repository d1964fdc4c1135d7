/** Longest delay one `setTimeout` can wait; longer waits are chained. */
const MAX_TIMER_MS = 2_147_483_647;

interface Entry {
  timer: NodeJS.Timeout;
  run: () => void;
}

/**
 * Runs scheduled pushes at their time. Timers are unref'd so a pending push never keeps the
 * process alive; `clear()` stops them all.
 */
export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Runs `run` at `at` (at once when `at` has passed), unless cancelled first. */
  schedule(id: string, at: Date, run: () => void): void {
    this.cancel(id);
    const arm = () => {
      const wait = Math.max(0, at.getTime() - this.now());
      const timer = setTimeout(
        () => {
          if (at.getTime() - this.now() > 0) {
            arm();
            return;
          }
          this.entries.delete(id);
          run();
        },
        Math.min(wait, MAX_TIMER_MS),
      );
      timer.unref();
      this.entries.set(id, { timer, run });
    };
    arm();
  }

  /** True while `id` waits for its time. */
  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Stops `id`; false when it is unknown or already ran. */
  cancel(id: string): boolean {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    clearTimeout(entry.timer);
    this.entries.delete(id);
    return true;
  }

  /** How many pushes wait. */
  get size(): number {
    return this.entries.size;
  }

  /** Stops every pending push. */
  clear(): void {
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    this.entries.clear();
  }
}

const SCHEDULE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,7})?(Z|[+-]00:00)?$/;

/**
 * Parses `ServiceBusNotification-ScheduleTime`: UTC `yyyy-MM-ddTHH:mm:ss`, optionally with a
 * fraction and `Z`. Undefined when malformed or not a real date.
 */
export function parseScheduleTime(text: string): Date | undefined {
  const match = SCHEDULE_TIME.exec(text.trim());
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction] = match;
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0${fraction}`) * 1000);
  const date = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms),
  );
  if (
    Number.isNaN(date.getTime()) ||
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d) ||
    date.getUTCHours() !== Number(h) ||
    date.getUTCMinutes() !== Number(mi) ||
    date.getUTCSeconds() !== Number(s)
  ) {
    return undefined;
  }
  return date;
}
