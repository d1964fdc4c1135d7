import { createClient, type NotificationAdapter, ServiceError } from "@nhub/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appleDevice, startTestEmulator, waitFor } from "./http.test-helper.js";
import type { Emulator } from "./types.js";

/** A minimal hand-written Apple adapter, so these tests need no platform package. */
const apple: NotificationAdapter<{ alert: string }, Record<string, unknown>> = {
  specificationVersion: "v1",
  format: "apple",
  prepare: (payload) => ({
    body: JSON.stringify({ aps: { alert: payload.alert } }),
    contentType: "application/json;charset=utf-8",
    headers: { "apns-push-type": "alert" },
  }),
};

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator({
    installations: [
      appleDevice("a1", ["sports"]),
      appleDevice("a2", ["news"], { pushChannelExpired: true }),
    ],
  });
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

function client(connectionString = emulator.connectionString) {
  return createClient({
    connectionString,
    hubName: emulator.hubName,
    adapters: [apple],
    retry: false,
  });
}

describe("@nhub/core client against the emulator", () => {
  it("sends to a tag and gets the notification id of the delivery", async () => {
    const nh = client();
    try {
      const result = await nh.send("apple", { alert: "goal" }, { tags: ["sports"] });
      expect(result.notificationId).toMatch(/^NH-/);
      expect(emulator.deliveries()).toEqual([
        expect.objectContaining({
          notificationId: result.notificationId,
          installationId: "a1",
          body: '{"aps":{"alert":"goal"}}',
        }),
      ]);
    } finally {
      await nh.close();
    }
  });

  it("parses a test send's outcome", async () => {
    const nh = client();
    try {
      const result = await nh.send("apple", { alert: "t" }, { test: true });
      expect(result.outcome?.success).toBe(1);
      expect(result.outcome?.failure).toBe(1);
      expect(result.outcome?.results.map((r) => [r.registrationId, r.platform])).toEqual([
        ["a1", "apple"],
        ["a2", "apple"],
      ]);
    } finally {
      await nh.close();
    }
  });

  it("gets a ServiceError 403 with the Listen-only connection string", async () => {
    const nh = client(emulator.listenConnectionString);
    try {
      const error = await nh.send("apple", { alert: "x" }).catch((e: unknown) => e);
      expect(ServiceError.isInstance(error)).toBe(true);
      expect((error as ServiceError).statusCode).toBe(403);
    } finally {
      await nh.close();
    }
  });

  it("runs direct, batch, scheduled, cancel, details and feedback end to end", async () => {
    const nh = client();
    try {
      const direct = await nh.sendDirect("apple", { alert: "d" }, "token-a1");
      expect(emulator.deliveries().map((d) => [d.notificationId, d.pushChannel])).toEqual([
        [direct.notificationId, "token-a1"],
      ]);
      const handles = Array.from({ length: 1500 }, (_, i) => `h${i}`);
      const batch = await nh.sendBatch("apple", { alert: "b" }, handles);
      expect(batch.succeeded).toBe(1500);
      expect(emulator.deliveries()).toHaveLength(1501);

      const scheduled = await nh.scheduleSend("apple", { alert: "s" }, new Date(Date.now() + 50));
      await waitFor(() =>
        emulator.deliveries().some((d) => d.notificationId === scheduled.notificationId),
      );
      const cancelled = await nh.scheduleSend(
        "apple",
        { alert: "c" },
        new Date(Date.now() + 60_000),
      );
      await nh.cancelScheduled(cancelled.notificationId ?? "");

      const details = await nh.getNotificationOutcomeDetails(cancelled.notificationId ?? "");
      expect(details.state).toBe("Canceled");
      const sent = await nh.send("apple", { alert: "all" });
      const sentDetails = await nh.getNotificationOutcomeDetails(sent.notificationId ?? "");
      expect(sentDetails.state).toBe("Completed");
      expect(sentDetails.outcomeCounts.apns).toEqual({ Success: 1, ExpiredChannel: 1 });

      const url = await nh.getFeedbackContainerUrl();
      const listing = await fetch(url).then((r) => r.text());
      expect(listing).toContain(`notificationId=${sent.notificationId}`);
    } finally {
      await nh.close();
    }
  });
});
