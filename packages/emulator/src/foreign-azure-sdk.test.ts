import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "./emulator.js";
import { appleDevice } from "./http.test-helper.js";
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
});
