import { describe, expect, it } from "vitest";
import { HubStore, type NotificationRecord } from "./hub-store.js";

function notification(id: string, state: NotificationRecord["state"]): NotificationRecord {
  return {
    id,
    location: `http://x/demo/messages/${id}`,
    state,
    enqueueTime: new Date(0),
    startTime: undefined,
    endTime: undefined,
    body: "{}",
    tags: undefined,
    format: "apple",
    outcomeCounts: new Map(),
  };
}

describe("HubStore bounds", () => {
  it("forgets the oldest notification beyond the limit, keeping scheduled ones", () => {
    const hub = new HubStore("demo", 2);
    hub.rememberNotification(notification("s", "Scheduled"));
    hub.rememberNotification(notification("a", "Completed"));
    hub.rememberNotification(notification("b", "Completed"));
    expect([...hub.notifications.keys()]).toEqual(["s", "b"]);
  });

  it("keeps the newest feedback entries only", () => {
    const hub = new HubStore("demo", 2);
    for (const id of ["n1", "n2", "n3"]) {
      hub.addFeedback({
        time: new Date(0),
        notificationId: id,
        platform: "apns",
        pnsHandle: "h",
        installationId: "i",
        registrationId: "i",
        outcome: "ExpiredChannel",
      });
    }
    expect(hub.feedback.map((entry) => entry.notificationId)).toEqual(["n2", "n3"]);
  });
});
