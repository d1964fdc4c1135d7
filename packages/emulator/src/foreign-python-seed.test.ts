import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "./emulator.js";
import { runsWith } from "./tools.test-helper.js";
import type { Emulator } from "./types.js";

const SCRIPT = fileURLToPath(new URL("../test/python/notification_hub.py", import.meta.url));
const TOAST =
  '<toast><visual><binding template="ToastText01"><text id="1">Hi</text></binding></visual></toast>';

const python = runsWith("python3", "the Python seed sample tests");

function runPython(emulator: Emulator, args: string[], caFile = emulator.caFile): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "python3",
      [SCRIPT, emulator.connectionString, emulator.hubName, ...args],
      { env: { ...process.env, SSL_CERT_FILE: caFile ?? "" }, timeout: 30_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    tls: true,
    installations: [
      {
        installationId: "w1",
        platform: "wns",
        pushChannel: "https://wns.example/1",
        tags: ["news"],
      },
      {
        installationId: "i1",
        platform: "apns",
        pushChannel: "00fc13adff785122b4ad28809a3420982341241421348097878e577c991de8f0",
        tags: ["ios"],
        templates: { greeting: { body: '{"aps":{"alert":"$(msg)"}}', tags: ["tpl"] } },
      },
    ],
  });
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

describe.runIf(python)("the seed's Python NotificationHub against the TLS emulator", () => {
  it("sends a windows toast with SSL_CERT_FILE set to the CA", async () => {
    await runPython(emulator, ["windows", TOAST, "news"]);
    expect(emulator.deliveries()).toEqual([
      expect.objectContaining({
        installationId: "w1",
        platform: "wns",
        body: TOAST,
        headers: expect.objectContaining({ "x-wns-type": "wns/toast" }),
      }),
    ]);
  });

  it("sends in the sample's debug mode (&test) and prints the 201 answer", async () => {
    const out = await runPython(emulator, ["windows", TOAST, "news", "debug"]);
    expect(out).toMatch(/^201 Created/);
    expect(emulator.deliveries()).toHaveLength(1);
  });

  it("sends an apple notification (JSON payload) to a tag", async () => {
    await runPython(emulator, ["apple", '{"aps":{"alert":"from python"}}', "ios"]);
    expect(emulator.deliveries()).toEqual([
      expect.objectContaining({ installationId: "i1", platform: "apns" }),
    ]);
    // The sample serialises with json.dumps (spaces after separators): compare the JSON.
    expect(JSON.parse(emulator.deliveries()[0]?.body ?? "")).toEqual({
      aps: { alert: "from python" },
    });
  });

  it("sends a template notification rendered with the installation's template", async () => {
    await runPython(emulator, ["template", '{"msg":"templated"}', "tpl"]);
    expect(emulator.deliveries()).toEqual([
      expect.objectContaining({
        installationId: "i1",
        platform: "apns",
        templateName: "greeting",
        body: '{"aps":{"alert":"templated"}}',
      }),
    ]);
  });

  it("is refused without the CA", async () => {
    await expect(
      runPython(emulator, ["windows", TOAST, "news"], "/nonexistent.pem"),
    ).rejects.toThrow(/CERTIFICATE_VERIFY_FAILED/);
    expect(emulator.deliveries()).toEqual([]);
  });
});
