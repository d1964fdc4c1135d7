import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Agent } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "./emulator.js";
import { appleDevice } from "./http.test-helper.js";
import type { DeliveryRecord, RequestRecord } from "./inspection-types.js";
import type { Emulator } from "./types.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

/** Runs an ES module with the official SDK in a child node that trusts the emulator's CA. */
function runSdk(script: string, emulator: Emulator): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--input-type=module", "-e", script],
      {
        cwd: PACKAGE_DIR,
        env: {
          ...process.env,
          NODE_EXTRA_CA_CERTS: emulator.caFile,
          NH_CONNECTION_STRING: emulator.connectionString,
          NH_HUB_NAME: emulator.hubName,
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout.trim()),
    );
  });
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tls: true, installations: [appleDevice("a1", ["sports"])] });
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

describe("@azure/notification-hubs 2.1.0 against the TLS emulator", () => {
  it("sends an apple notification to a tag", async () => {
    const out = await runSdk(
      `import { NotificationHubsClient, createAppleNotification } from "@azure/notification-hubs";
const client = new NotificationHubsClient(process.env.NH_CONNECTION_STRING, process.env.NH_HUB_NAME);
const result = await client.sendNotification(
  createAppleNotification({ body: JSON.stringify({ aps: { alert: "from the sdk" } }) }),
  { tagExpression: "sports" },
);
console.log(JSON.stringify({ id: result.notificationId, state: result.state }));`,
      emulator,
    );
    const result = JSON.parse(out) as { id: string };
    expect(emulator.deliveries()).toEqual([
      expect.objectContaining({
        notificationId: result.id,
        installationId: "a1",
        body: '{"aps":{"alert":"from the sdk"}}',
      }),
    ]);
    // The same push through the inspection API, over the same TLS, trusting only the CA.
    const dispatcher = new Agent({ connect: { ca: emulator.caCertificate } });
    try {
      const answer = await dispatcher.request({
        origin: emulator.url,
        path: `/_nhub/api/deliveries?notificationId=${encodeURIComponent(result.id)}`,
        method: "GET",
      });
      expect(answer.statusCode).toBe(200);
      const page = (await answer.body.json()) as { items: DeliveryRecord[] };
      expect(page.items).toEqual([
        expect.objectContaining({
          notificationId: result.id,
          hub: emulator.hubName,
          installationId: "a1",
          platform: "apns",
          format: "apple",
          pushChannel: "token-a1",
          body: '{"aps":{"alert":"from the sdk"}}',
          test: false,
        }),
      ]);
      const request = await dispatcher.request({
        origin: emulator.url,
        path: `/_nhub/api/requests/${page.items[0]?.requestId}`,
        method: "GET",
      });
      const logged = (await request.body.json()) as RequestRecord;
      // the SDK posts to `messages/`, with its own user agent
      expect(logged).toMatchObject({ method: "POST", path: "/demo/messages/", status: 201 });
      expect(logged.headers["user-agent"]).toMatch(/^azsdk-js-notificationhubs\/2\.1\.0 /);
    } finally {
      await dispatcher.close();
    }
  });

  it("creates, gets and deletes an installation", async () => {
    const out = await runSdk(
      `import { NotificationHubsClient, createAppleInstallation } from "@azure/notification-hubs";
const client = new NotificationHubsClient(process.env.NH_CONNECTION_STRING, process.env.NH_HUB_NAME);
await client.createOrUpdateInstallation(
  createAppleInstallation({ installationId: "sdk-1", pushChannel: "00fc13adff785122b4ad28809a3420982341241421348097878e577c991de8f0", tags: ["sdk"] }),
);
const got = await client.getInstallation("sdk-1");
await client.deleteInstallation("sdk-1");
console.log(JSON.stringify({ id: got.installationId, tags: got.tags }));`,
      emulator,
    );
    expect(JSON.parse(out)).toEqual({ id: "sdk-1", tags: ["sdk"] });
  });

  it("manages a registration, sends by tag, direct and batch, schedules, and reads details and feedback", async () => {
    const out = await runSdk(
      `import { NotificationHubsClient, createAppleNotification, createAppleRegistrationDescription } from "@azure/notification-hubs";
const client = new NotificationHubsClient(process.env.NH_CONNECTION_STRING, process.env.NH_HUB_NAME);
const out = {};
const id = await client.createRegistrationId();
const created = await client.createOrUpdateRegistration(createAppleRegistrationDescription({ registrationId: id, deviceToken: "00fc13adff785122b4ad28809a3420982341241421348097878e577c991de8f0", tags: ["reg"] }));
out.created = created.registrationId === id;
const got = await client.getRegistration(id);
got.tags = ["reg", "more"];
const updated = await client.updateRegistration(got);
out.updatedTags = updated.tags;
const listed = [];
for await (const r of client.listRegistrations()) listed.push(r.registrationId);
out.listed = listed.includes(id);
const byTag = [];
for await (const r of client.listRegistrationsByTag("more")) byTag.push(r.registrationId);
out.byTag = byTag;
const byChannel = [];
for await (const r of client.listRegistrationsByChannel({ kind: "apple", deviceToken: "00FC13ADFF785122B4AD28809A3420982341241421348097878E577C991DE8F0" })) byChannel.push(r.registrationId);
out.byChannel = byChannel;
const sent = await client.sendNotification(createAppleNotification({ body: JSON.stringify({ aps: { alert: "reg" } }) }), { tagExpression: "more" });
out.sentId = sent.notificationId;
const direct = await client.sendNotification(createAppleNotification({ body: JSON.stringify({ aps: { alert: "direct" } }) }), { deviceHandle: "aa11" });
out.direct = direct.notificationId !== undefined;
const batch = await client.sendNotification(createAppleNotification({ body: JSON.stringify({ aps: { alert: "batch" } }) }), { deviceHandle: ["bb22", "cc33"] });
out.batch = batch.notificationId !== undefined;
const scheduled = await client.scheduleNotification(new Date(Date.now() + 3600_000), createAppleNotification({ body: "{}" }), { tagExpression: "more" });
out.scheduled = scheduled.notificationId !== undefined;
await client.cancelScheduledNotification(scheduled.notificationId);
const details = await client.getNotificationOutcomeDetails(sent.notificationId);
out.details = details.state;
out.feedback = (await client.getFeedbackContainerUrl()).startsWith("https://");
await client.deleteRegistration(id);
console.log(JSON.stringify(out));
`,
      emulator,
    );
    const result = JSON.parse(out) as Record<string, unknown> & { sentId: string; byTag: string[] };
    expect(result).toMatchObject({
      created: true,
      updatedTags: ["more", "reg"],
      listed: true,
      direct: true,
      batch: true,
      scheduled: true,
      details: "Completed",
      feedback: true,
    });
    expect(result.byTag).toHaveLength(1);
    expect(result.byChannel).toEqual(result.byTag);
    const got = emulator.deliveries().map((d) => [d.pushChannel, d.body]);
    expect(got).toEqual([
      [
        "00FC13ADFF785122B4AD28809A3420982341241421348097878E577C991DE8F0",
        '{"aps":{"alert":"reg"}}',
      ],
      ["aa11", '{"aps":{"alert":"direct"}}'],
      ["bb22", '{"aps":{"alert":"batch"}}'],
      ["cc33", '{"aps":{"alert":"batch"}}'],
    ]);
    expect(emulator.deliveries()[0]?.notificationId).toBe(result.sentId);
  });
});
