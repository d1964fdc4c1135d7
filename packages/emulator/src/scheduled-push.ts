import { parseTagExpression } from "@nhub/core";
import { type EmulatorContext, notificationLocation } from "./context.js";
import { deliver } from "./delivery.js";
import type { HubStore, NotificationRecord, ScheduledPush } from "./hub-store.js";
import { FORMAT_PLATFORM, selectTargets } from "./targeting.js";

/**
 * Keeps `push` with the hub (so the store persists it) and arms it on the scheduler: at its time
 * (at once when the time has passed) it is targeted against the hub's devices of that moment and
 * delivered, and the change is persisted.
 */
export function armScheduledPush(
  context: EmulatorContext,
  hub: HubStore,
  record: NotificationRecord,
  push: ScheduledPush,
): void {
  hub.scheduled.set(record.id, push);
  const { send } = push;
  context.scheduler.schedule(record.id, push.at, () => {
    if (record.state !== "Scheduled") return;
    const expression = record.tags === undefined ? undefined : parseTagExpression(record.tags);
    const targets = selectTargets(hub.targets(), {
      platform: send.format === "template" ? undefined : FORMAT_PLATFORM[send.format],
      expression,
    });
    deliver(context, hub, record, send, targets);
    hub.changes.mark("scheduled", record.id);
    context.persist?.();
  });
}

/**
 * After a restart from `dataDir`: arms again every scheduled push of `hub` that is still
 * pending (one whose time passed while the emulator was stopped goes out at once, once), and
 * points their `Location` at the emulator's current URL. Cancelled and sent ones stay as they are.
 */
export function resumeScheduledPushes(context: EmulatorContext, hub: HubStore): void {
  for (const [id, push] of hub.scheduled) {
    const record = hub.notifications.get(id);
    if (record === undefined) {
      hub.scheduled.delete(id);
      continue;
    }
    record.location = notificationLocation(context, hub, "schedulednotifications", id);
    if (record.state === "Scheduled") armScheduledPush(context, hub, record, push);
  }
}
