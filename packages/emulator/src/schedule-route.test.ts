import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  APPLE,
  APPLE_BODY,
  appleDevice,
  call,
  startTestEmulator,
  waitFor,
} from "./http.test-helper.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator({
    installations: [appleDevice("a1", ["x"]), appleDevice("a2", ["y"])],
  });
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

function utc(msFromNow: number): string {
  return new Date(Date.now() + msFromNow).toISOString().replace("Z", "");
}

function schedule(time: string | undefined, tags?: string) {
  const headers: Record<string, string> = { ...APPLE };
  if (time !== undefined) headers["ServiceBusNotification-ScheduleTime"] = time;
  if (tags !== undefined) headers["ServiceBusNotification-Tags"] = tags;
  return call(emulator, {
    path: "demo/schedulednotifications?api-version=2020-06",
    headers,
    body: APPLE_BODY,
  });
}

function idOf(location: string | undefined): string {
  return /schedulednotifications\/([^?]+)\?/.exec(location ?? "")?.[1] ?? "";
}

function cancel(id: string) {
  return call(emulator, {
    method: "DELETE",
    path: `demo/schedulednotifications/${id}?api-version=2020-06`,
  });
}

function state(id: string) {
  return call(emulator, { method: "GET", path: `demo/messages/${id}?api-version=2020-06` }).then(
    (r) => /<State>(\w+)<\/State>/.exec(r.text)?.[1],
  );
}

describe("scheduled sends", () => {
  it("answers 201 with a schedulednotifications Location and delivers at the time", async () => {
    const response = await schedule(utc(150), "x");
    expect(response.status).toBe(201);
    expect(response.headers.location).toMatch(
      new RegExp(`^${emulator.url}demo/schedulednotifications/NH-[^/?]+\\?api-version=2020-06$`),
    );
    const id = idOf(response.headers.location);
    expect(emulator.deliveries()).toHaveLength(0);
    expect(await state(id)).toBe("Scheduled");
    await waitFor(() => emulator.deliveries().length > 0);
    expect(emulator.deliveries().map((d) => [d.notificationId, d.installationId])).toEqual([
      [id, "a1"],
    ]);
    expect(await state(id)).toBe("Completed");
  });

  it("takes devices added before the time into account", async () => {
    const id = idOf((await schedule(utc(100), "late")).headers.location);
    emulator.addInstallation(appleDevice("late-device", ["late"]));
    await waitFor(() => emulator.deliveries().length > 0);
    expect(emulator.deliveries().map((d) => [d.notificationId, d.installationId])).toEqual([
      [id, "late-device"],
    ]);
  });

  it("answers 400 for a missing or malformed schedule time", async () => {
    expect((await schedule(undefined)).status).toBe(400);
    const bad = await schedule("next tuesday");
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("yyyy-MM-ddTHH:mm:ss");
  });

  it("cancels a pending push: 200, never delivered, state Canceled; then 404", async () => {
    const id = idOf((await schedule(utc(200))).headers.location);
    const cancelled = await cancel(id);
    expect(cancelled.status).toBe(200);
    expect(await state(id)).toBe("Canceled");
    expect((await cancel(id)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(emulator.deliveries()).toHaveLength(0);
  });

  it("answers 404 when cancelling an unknown or already-sent id", async () => {
    expect((await cancel("NH-unknown")).status).toBe(404);
    const id = idOf((await schedule(utc(-1000))).headers.location);
    await waitFor(() => emulator.deliveries().length > 0);
    expect((await cancel(id)).status).toBe(404);
  });

  it("forgets pending pushes on reset", async () => {
    const id = idOf((await schedule(utc(100))).headers.location);
    emulator.reset();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(emulator.deliveries()).toHaveLength(0);
    expect((await cancel(id)).status).toBe(404);
  });
});
