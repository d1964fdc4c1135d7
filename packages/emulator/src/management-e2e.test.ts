import { createClient, type NotificationAdapter, ServiceError } from "@nhub/core";
import {
  createOrUpdateInstallation,
  createOrUpdateRegistration,
  createRegistration,
  createRegistrationId,
  deleteInstallation,
  deleteRegistration,
  getInstallation,
  getJob,
  getRegistration,
  listJobs,
  listRegistrations,
  listRegistrationsByChannel,
  listRegistrationsByTag,
  type NotificationHubJob,
  patchInstallation,
  submitJob,
  updateRegistration,
  waitForJob,
} from "@nhub/management";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator } from "./http.test-helper.js";
import type { Emulator } from "./types.js";

const apple: NotificationAdapter<{ alert: string }, Record<string, unknown>> = {
  specificationVersion: "v1",
  format: "apple",
  prepare: (payload) => ({
    body: JSON.stringify({ aps: { alert: payload.alert } }),
    contentType: "application/json;charset=utf-8",
    headers: { "apns-push-type": "alert" },
  }),
};
const template: NotificationAdapter<Record<string, string>, Record<string, unknown>> = {
  specificationVersion: "v1",
  format: "template",
  prepare: (payload) => ({ body: JSON.stringify(payload), contentType: "application/json" }),
};

const TOKEN = "00fc13adff785122b4ad28809a3420982341241421348097878e577c991de8f0";
const CONTAINER = "https://account.blob.core.windows.net/export?sig=x";

let emulator: Emulator;
let nh: ReturnType<typeof createClient>;
beforeAll(async () => {
  emulator = await startTestEmulator({ jobStepMs: 1 });
  nh = createClient({
    connectionString: emulator.connectionString,
    hubName: emulator.hubName,
    adapters: [apple, template],
    retry: false,
  });
});
beforeEach(() => emulator.reset());
afterAll(async () => {
  await nh.close();
  await emulator.close();
});

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(ServiceError.isInstance(error)).toBe(true);
  return error as ServiceError;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("installations through @nhub/management", () => {
  it("create, get, patch and delete; a tag send reaches the installation", async () => {
    await createOrUpdateInstallation(nh, {
      installationId: "phone-1",
      platform: "apns",
      pushChannel: TOKEN,
      tags: ["sports"],
      templates: { alert: { body: '{"aps":{"alert":"$(message)"}}' } },
    });
    expect(await getInstallation(nh, "phone-1")).toMatchObject({
      installationId: "phone-1",
      platform: "apns",
      pushChannel: TOKEN,
      tags: ["sports"],
      pushChannelExpired: false,
      expirationTime: new Date("9999-12-31T23:59:59.999Z"),
      templates: { alert: { tags: ["alert"] } },
    });
    await patchInstallation(nh, "phone-1", [
      { op: "add", path: "/tags", value: "news" },
      { op: "add", path: "/userId", value: "alice" },
    ]);
    expect(await getInstallation(nh, "phone-1")).toMatchObject({
      tags: ["sports", "news"],
      userId: "alice",
    });

    const sent = await nh.send("apple", { alert: "goal" }, { tags: ["news"] });
    await nh.send("template", { message: "hi" }, { tagExpression: "$UserId:{alice}" });
    expect(emulator.deliveries()).toEqual([
      expect.objectContaining({
        notificationId: sent.notificationId,
        installationId: "phone-1",
        pushChannel: TOKEN,
        body: '{"aps":{"alert":"goal"}}',
      }),
      expect.objectContaining({
        installationId: "phone-1",
        templateName: "alert",
        body: '{"aps":{"alert":"hi"}}',
      }),
    ]);

    await deleteInstallation(nh, "phone-1");
    expect((await rejection(getInstallation(nh, "phone-1"))).statusCode).toBe(404);
  });

  it("lets a device write its installation with the Listen-only rule, but not list registrations", async () => {
    const device = createClient({
      connectionString: emulator.listenConnectionString,
      hubName: emulator.hubName,
      retry: false,
    });
    try {
      await createOrUpdateInstallation(device, {
        installationId: "phone-2",
        platform: "fcmv1",
        pushChannel: "fcm-token",
      });
      expect((await getInstallation(device, "phone-2")).pushChannel).toBe("fcm-token");
      const error = await rejection(collect(listRegistrations(device)));
      expect(error.statusCode).toBe(401);
    } finally {
      await device.close();
    }
  });
});

describe("registrations through @nhub/management", () => {
  it("register a native device with createRegistrationId + createOrUpdate, then a tag send reaches it", async () => {
    const registrationId = await createRegistrationId(nh);
    const stored = await createOrUpdateRegistration(nh, {
      kind: "apple",
      registrationId,
      deviceToken: TOKEN,
      tags: ["sports", "city:paris"],
    });
    expect(stored).toMatchObject({
      kind: "apple",
      registrationId,
      etag: "1",
      deviceToken: TOKEN.toUpperCase(),
      tags: ["city:paris", "sports"],
    });
    expect(await getRegistration(nh, registrationId)).toEqual(stored);

    const sent = await nh.send(
      "apple",
      { alert: "goal" },
      { tagExpression: "sports && city:paris" },
    );
    await nh.send("apple", { alert: "nobody" }, { tags: ["weather"] });
    expect(emulator.deliveries()).toEqual([
      {
        notificationId: sent.notificationId,
        hub: "demo",
        installationId: undefined,
        registrationId,
        platform: "apns",
        pushChannel: TOKEN.toUpperCase(),
        headers: expect.objectContaining({ "apns-push-type": "alert" }),
        body: '{"aps":{"alert":"goal"}}',
      },
    ]);
  });

  it("register a template with createRegistration, then a template send renders it", async () => {
    const stored = await createRegistration(nh, {
      kind: "fcmv1",
      fcmV1RegistrationId: "fcm-1",
      tags: ["news"],
      template: { body: '{"message":{"notification":{"title":"$(title)"}}}', name: "news-v1" },
    });
    await nh.send("template", { title: "Extra" }, { tags: ["news"] });
    await nh.send("apple", { alert: "native" }, { tags: ["news"] });
    expect(emulator.deliveries()).toEqual([
      expect.objectContaining({
        registrationId: stored.registrationId,
        platform: "fcmv1",
        pushChannel: "fcm-1",
        templateName: "news-v1",
        body: '{"message":{"notification":{"title":"Extra"}}}',
      }),
    ]);
  });

  it("updates with the etag, gets a 412 for a stale one, and deletes with or without an etag", async () => {
    const first = await createRegistration(nh, { kind: "gcm", gcmRegistrationId: "g1" });
    const second = await updateRegistration(nh, { ...first, tags: ["later"] });
    expect(second).toMatchObject({ etag: "2", tags: ["later"] });
    const stale = await rejection(updateRegistration(nh, { ...first, tags: ["lost"] }));
    expect(stale.statusCode).toBe(412);
    expect(
      (await rejection(deleteRegistration(nh, first.registrationId ?? "", { etag: "1" })))
        .statusCode,
    ).toBe(412);
    await deleteRegistration(nh, first.registrationId ?? "", { etag: "2" });
    expect((await rejection(getRegistration(nh, first.registrationId ?? ""))).statusCode).toBe(404);
    const other = await createRegistration(nh, { kind: "gcm", gcmRegistrationId: "g2" });
    await deleteRegistration(nh, other.registrationId ?? "");
    expect((await rejection(deleteRegistration(nh, other.registrationId ?? ""))).statusCode).toBe(
      404,
    );
  });

  it("lists all, by tag and by channel across pages", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const stored = await createRegistration(nh, {
        kind: "gcm",
        gcmRegistrationId: `g${i}`,
        tags: i % 2 === 0 ? ["even"] : ["odd"],
      });
      ids.push(stored.registrationId ?? "");
    }
    const baidu = await createRegistration(nh, {
      kind: "baidu",
      baiduUserId: "user'1",
      baiduChannelId: "chan'1",
    });
    const apple1 = await createRegistration(nh, { kind: "apple", deviceToken: TOKEN });

    const pages = await collect(listRegistrations(nh, { top: 3 }).byPage());
    expect(pages.map((page) => page.registrations.length)).toEqual([3, 3, 3]);
    expect(pages[2]?.continuationToken).toBeUndefined();
    const all = await collect(listRegistrations(nh, { top: 4 }));
    expect(all.map((r) => r.registrationId)).toEqual([
      ...ids,
      baidu.registrationId,
      apple1.registrationId,
    ]);

    const even = await collect(listRegistrationsByTag(nh, "even", { top: 1 }));
    expect(even.map((r) => r.registrationId)).toEqual([ids[0], ids[2], ids[4], ids[6]]);
    const firstPage = await listRegistrationsByTag(nh, "even", { top: 1 }).byPage().next();
    const token = firstPage.done ? undefined : firstPage.value.continuationToken;
    expect(token).toBeDefined();
    const resumed = await collect(
      listRegistrationsByTag(nh, "even", { top: 1 }).byPage({ continuationToken: token }),
    );
    expect(resumed.flatMap((page) => page.registrations.map((r) => r.registrationId))).toEqual([
      ids[2],
      ids[4],
      ids[6],
    ]);

    const byBaidu = await collect(
      listRegistrationsByChannel(nh, {
        kind: "baidu",
        baiduUserId: "user'1",
        baiduChannelId: "chan'1",
      }),
    );
    expect(byBaidu.map((r) => r.registrationId)).toEqual([baidu.registrationId]);
    const byToken = await collect(
      listRegistrationsByChannel(nh, { kind: "apple", deviceToken: TOKEN }),
    );
    expect(byToken.map((r) => r.registrationId)).toEqual([apple1.registrationId]);
    const byGcm = await collect(
      listRegistrationsByChannel(nh, { kind: "gcm", gcmRegistrationId: "g3" }, { top: 1 }),
    );
    expect(byGcm.map((r) => r.registrationId)).toEqual([ids[3]]);
  });
});

describe("jobs through @nhub/management", () => {
  it("exports the registrations, then imports the export back", async () => {
    const a = await createRegistration(nh, { kind: "gcm", gcmRegistrationId: "e1", tags: ["x"] });
    const b = await createRegistration(nh, { kind: "apple", deviceToken: TOKEN });
    const submitted = await submitJob(nh, {
      type: "ExportRegistrations",
      outputContainerUrl: CONTAINER,
    });
    expect(submitted.jobId).toBeDefined();
    const statuses: string[] = [];
    const done = await waitForJob(nh, submitted.jobId ?? "", {
      intervalMs: 1,
      onProgress: (job) => statuses.push(job.status ?? ""),
    });
    expect(done.status).toBe("Completed");
    expect(statuses.at(-1)).toBe("Completed");
    const exported = emulator.readFile(done.outputProperties?.OutputFilePath ?? "") ?? "";
    expect(exported.trimEnd().split("\n")).toHaveLength(2);
    expect(exported).toContain(`<RegistrationId>${a.registrationId}</RegistrationId>`);

    // Import the export back as new registrations (ImportCreate gives them new ids).
    const importFileUrl = emulator.putFile("import/registrations.txt", exported);
    const imported = await submitJob(nh, {
      type: "ImportCreateRegistrations",
      outputContainerUrl: CONTAINER,
      importFileUrl,
    });
    const finished = await waitForJob(nh, imported.jobId ?? "", { intervalMs: 1 });
    expect(finished).toMatchObject({ status: "Completed", progress: 100 });
    expect(emulator.readFile(finished.outputProperties?.FailedFilePath ?? "")).toBe("");
    const everything = await collect(listRegistrations(nh));
    expect(everything).toHaveLength(4);
    expect(everything.filter((r) => r.kind === "apple")).toHaveLength(2);
    expect(everything.map((r) => r.registrationId)).toContain(b.registrationId);

    const jobs: NotificationHubJob[] = await listJobs(nh);
    expect(jobs.map((job) => [job.jobId, job.type, job.status])).toEqual([
      [submitted.jobId, "ExportRegistrations", "Completed"],
      [imported.jobId, "ImportCreateRegistrations", "Completed"],
    ]);
    expect(await getJob(nh, imported.jobId ?? "")).toEqual(finished);
  });

  it("reports a failed import job through waitForJob", async () => {
    const submitted = await submitJob(nh, {
      type: "ImportUpsertRegistrations",
      outputContainerUrl: CONTAINER,
      importFileUrl: `${emulator.url}demo/$files/never-uploaded.txt`,
    });
    const done = await waitForJob(nh, submitted.jobId ?? "", { intervalMs: 1 });
    expect(done.status).toBe("Failed");
    expect(done.failure).toContain("sig");
  });
});
