import {
  type NotificationHubJob,
  parseJobEntry,
  serializeJob,
  serializeRegistration,
} from "@nhub/management";
import { describe, expect, it } from "vitest";
import {
  APPLE,
  APPLE_BODY,
  appleDevice,
  call,
  startTestEmulator,
  waitFor,
} from "./http.test-helper.js";
import { tempDirs } from "./temp-dirs.test-helper.js";
import type { Delivery, Emulator, EmulatorOptions } from "./types.js";

const V = "api-version=2020-06";
const freshDir = tempDirs("nhub-persist-schedule-");

/** Starts an emulator on `dataDir` that collects what it delivers. */
async function start(dataDir: string, options: EmulatorOptions = {}) {
  const delivered: Delivery[] = [];
  const emulator = await startTestEmulator({
    dataDir,
    onDelivery: (delivery) => delivered.push(delivery),
    ...options,
  });
  return { emulator, delivered };
}

async function schedule(emulator: Emulator, at: number): Promise<string> {
  const time = new Date(at).toISOString().replace("Z", "");
  const response = await call(emulator, {
    path: `demo/schedulednotifications?${V}`,
    headers: { ...APPLE, "ServiceBusNotification-ScheduleTime": time },
    body: APPLE_BODY,
  });
  expect(response.status).toBe(201);
  return /schedulednotifications\/([^?]+)\?/.exec(response.headers.location ?? "")?.[1] ?? "";
}

function cancel(emulator: Emulator, id: string) {
  return call(emulator, { method: "DELETE", path: `demo/schedulednotifications/${id}?${V}` });
}

async function state(emulator: Emulator, id: string): Promise<string | undefined> {
  const response = await call(emulator, { method: "GET", path: `demo/messages/${id}?${V}` });
  return /<State>(\w+)<\/State>/.exec(response.text)?.[1];
}

function count(delivered: readonly Delivery[], id: string): number {
  return delivered.filter((delivery) => delivery.notificationId === id).length;
}

async function sleepUntil(time: number): Promise<void> {
  while (Date.now() <= time) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function getJob(emulator: Emulator, id: string): Promise<NotificationHubJob> {
  const response = await call(emulator, { method: "GET", path: `demo/jobs/${id}?${V}` });
  expect(response.status).toBe(200);
  return parseJobEntry(response.text);
}

async function finished(emulator: Emulator, id: string): Promise<NotificationHubJob> {
  let job = await getJob(emulator, id);
  while (job.status !== "Completed" && job.status !== "Failed") {
    await new Promise((resolve) => setTimeout(resolve, 5));
    job = await getJob(emulator, id);
  }
  return job;
}

async function submitExport(emulator: Emulator): Promise<string> {
  const response = await call(emulator, {
    path: `demo/jobs?${V}`,
    body: serializeJob({ type: "ExportRegistrations", outputContainerUrl: "https://a.blob/x" }),
  });
  expect(response.status).toBe(201);
  return String(parseJobEntry(response.text).jobId);
}

describe("startEmulator({ dataDir }) with scheduled pushes", () => {
  it("delivers a pending push after a restart exactly once, one due while stopped at start, never a cancelled one", async () => {
    const dataDir = freshDir();
    const first = await start(dataDir, { installations: [appleDevice("a1")] });
    const now = Date.now();
    const dueWhileStopped = await schedule(first.emulator, now + 2000);
    const pending = await schedule(first.emulator, now + 3500);
    const cancelled = await schedule(first.emulator, now + 3500);
    expect((await cancel(first.emulator, cancelled)).status).toBe(200);
    await first.emulator.close();
    expect(first.delivered).toEqual([]);
    await sleepUntil(now + 2000);

    const second = await start(dataDir);
    try {
      await waitFor(() => count(second.delivered, pending) > 0, 10_000);
      expect(count(second.delivered, dueWhileStopped)).toBe(1);
      expect(count(second.delivered, pending)).toBe(1);
      expect(count(second.delivered, cancelled)).toBe(0);
      expect(second.delivered[0]?.pushChannel).toBe("token-a1");
      expect(await state(second.emulator, pending)).toBe("Completed");
      expect(await state(second.emulator, cancelled)).toBe("Canceled");
      expect((await cancel(second.emulator, cancelled)).status).toBe(404);
    } finally {
      await second.emulator.close();
    }

    // A third start sends none of them again: a push due at once (armed after the restored
    // ones) arrives alone.
    const third = await start(dataDir);
    try {
      const sentinel = await schedule(third.emulator, Date.now() - 1000);
      await waitFor(() => count(third.delivered, sentinel) > 0);
      expect(third.delivered.map((delivery) => delivery.notificationId)).toEqual([sentinel]);
      expect(await state(third.emulator, pending)).toBe("Completed");
      expect(await state(third.emulator, cancelled)).toBe("Canceled");
    } finally {
      await third.emulator.close();
    }
  }, 30_000);
});

describe("startEmulator({ dataDir }) with jobs", () => {
  it("keeps a finished job's id, status and output, and finishes one that was running", async () => {
    const dataDir = freshDir();
    const first = await start(dataDir, { jobStepMs: 1 });
    const registration = serializeRegistration({ kind: "apple", deviceToken: "ab12", tags: ["t"] });
    expect(
      (await call(first.emulator, { path: `demo/registrations?${V}`, body: registration })).status,
    ).toBe(200);
    const done = await submitExport(first.emulator);
    expect((await finished(first.emulator, done)).status).toBe("Completed");
    await first.emulator.close();

    // A job submitted to an emulator stopped before its first step.
    const slow = await start(dataDir, { jobStepMs: 3_600_000 });
    const interrupted = await submitExport(slow.emulator);
    expect((await getJob(slow.emulator, interrupted)).status).toBe("Started");
    await slow.emulator.close();

    const second = await start(dataDir, { jobStepMs: 1 });
    try {
      const job = await getJob(second.emulator, done);
      expect(job).toMatchObject({ jobId: done, status: "Completed", progress: 100 });
      const output = job.outputProperties?.OutputFilePath ?? "";
      expect(output.startsWith(second.emulator.url)).toBe(true);
      const file = await call(second.emulator, {
        method: "GET",
        path: output.slice(second.emulator.url.length),
        auth: false,
      });
      expect(file.status).toBe(200);
      expect(file.text).toContain("AB12");
      const resumed = await finished(second.emulator, interrupted);
      expect(resumed.status).toBe("Completed");
      expect(second.emulator.readFile(resumed.outputProperties?.OutputFilePath ?? "")).toContain(
        "AB12",
      );
    } finally {
      await second.emulator.close();
    }
  }, 30_000);
});
