import { HubChanges, type RecordKind, TrackedMap } from "./hub-changes.js";
import type { JobRecord } from "./job-runner.js";
import { RegistrationStore } from "./registration-store.js";
import type { ValidSend } from "./send-validation.js";
import { installationTargets, type PushTarget, type TargetSource } from "./targeting.js";
import type { Installation } from "./types.js";

/** States of a notification (wire reference section 6). */
export type NotificationState =
  | "Enqueued"
  | "Completed"
  | "NoTargetFound"
  | "Scheduled"
  | "Canceled";

/** What the emulator remembers of an accepted push, for `GET /{hub}/messages/{id}`. */
export interface NotificationRecord {
  id: string;
  location: string;
  state: NotificationState;
  enqueueTime: Date;
  startTime: Date | undefined;
  endTime: Date | undefined;
  /** The request body as text. */
  body: string;
  /** The tags header, if any. */
  tags: string | undefined;
  /** The format of the send. */
  format: string;
  /** Outcome name to count, per installation platform (`apns`, ...). */
  outcomeCounts: Map<string, Map<string, number>>;
}

/** What a scheduled push needs to be delivered at its time (also after a restart). */
export interface ScheduledPush {
  /** When it is due. */
  at: Date;
  /** The validated send. */
  send: ValidSend;
}

/** One failed delivery, listed by the feedback route. */
export interface FeedbackEntry {
  time: Date;
  notificationId: string;
  platform: string;
  pnsHandle: string;
  installationId: string | undefined;
  registrationId: string;
  outcome: string;
}

/** Notifications (for details) and feedback entries a hub keeps; the oldest are forgotten first. */
export const HUB_RECORD_LIMIT = 10_000;

/** The state of one emulated hub. */
export class HubStore {
  readonly name: string;
  /** What the store has yet to write (the maps below report their changes here). */
  readonly changes = new HubChanges();
  readonly installations = new TrackedMap<Installation>((id) => this.changed("installation", id));
  readonly notifications = new Map<string, NotificationRecord>();
  readonly feedback: FeedbackEntry[] = [];
  /** Registrations (`/registrations` routes); sends target them like installations. */
  readonly registrations = new RegistrationStore((id) => this.changed("registration", id));
  /** Export and import jobs, by id, in submission order. */
  readonly jobs = new TrackedMap<JobRecord>((id) => this.changed("job", id));
  /**
   * Scheduled pushes by notification id, while their record is kept (pending, sent or
   * cancelled): what the store persists so a pending one still goes out after a restart.
   */
  readonly scheduled = new TrackedMap<ScheduledPush>((id) => this.changed("scheduled", id));
  /** Files served at `/{hub}/$files/{name}` (uploads, job output), by name. */
  readonly files = new TrackedMap<string>((id) => this.changed("file", id));
  private readonly sources: TargetSource[] = [];

  constructor(
    name: string,
    readonly recordLimit = HUB_RECORD_LIMIT,
  ) {
    this.name = name;
    this.addTargetSource(() => [...this.installations.values()].flatMap(installationTargets));
    this.addTargetSource(() => this.registrations.targets(new Date()));
  }

  /**
   * Keeps a notification for details, forgetting the oldest one not scheduled beyond
   * `recordLimit`, so memory stays bounded however many pushes are sent.
   */
  rememberNotification(record: NotificationRecord): void {
    this.notifications.set(record.id, record);
    if (this.notifications.size <= this.recordLimit) return;
    for (const [id, old] of this.notifications) {
      if (old.state !== "Scheduled") {
        this.notifications.delete(id);
        this.scheduled.delete(id);
        return;
      }
    }
  }

  /** Adds a PNS feedback entry, dropping the oldest beyond `recordLimit`. */
  addFeedback(entry: FeedbackEntry): void {
    this.feedback.push(entry);
    if (this.feedback.length > this.recordLimit) this.feedback.shift();
  }

  /** A record changed (id) or a whole map was cleared (undefined). */
  private changed(kind: RecordKind, id: string | undefined): void {
    if (id === undefined) this.changes.markAll();
    else this.changes.mark(kind, id);
  }

  /** Adds a kind of device record (installations are built in; registrations plug in here). */
  addTargetSource(source: TargetSource): void {
    this.sources.push(source);
  }

  /** Every current target of this hub. */
  targets(): PushTarget[] {
    return this.sources.flatMap((source) => [...source()]);
  }

  /**
   * Forgets notifications, scheduled pushes, feedback, registrations, jobs and files, and replaces the devices with
   * `installations`. (Job timers live in the emulator's scheduler, which its reset clears.)
   */
  reset(installations: readonly Installation[]): void {
    this.notifications.clear();
    this.scheduled.clear();
    this.feedback.length = 0;
    this.registrations.clear();
    this.jobs.clear();
    this.files.clear();
    this.installations.clear();
    for (const installation of installations) {
      this.installations.set(installation.installationId, structuredClone(installation));
    }
  }
}
