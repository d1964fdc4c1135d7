import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Emulator, type RequestInfo, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLEAR_SECRET, runBin } from "./run-bin.test-helper.js";
import { tempDirs } from "./temp-dirs.test-helper.js";

const tempDir = tempDirs("nhub-cli-");

const TOAST =
  '<toast><visual><binding template="ToastText01"><text id="1">Hi</text></binding></visual></toast>';
let emulator: Emulator;
let requests: RequestInfo[] = [];
let hub: string[];

beforeAll(async () => {
  emulator = await startEmulator({
    hubs: ["cli"],
    onRequest: (info) => requests.push(info),
    installations: [
      {
        installationId: "win-1",
        platform: "wns",
        pushChannel: "https://wns.example/1",
        tags: ["sports"],
      },
      {
        installationId: "win-2",
        platform: "wns",
        pushChannel: "https://wns.example/2",
        tags: ["politics"],
      },
      { installationId: "ios-1", platform: "apns", pushChannel: "aa11", tags: ["sports"] },
      {
        installationId: "ios-old",
        platform: "apns",
        pushChannel: "bb22",
        pushChannelExpired: true,
      },
    ],
  });
  hub = ["--hub", "cli", "--connection-string", emulator.connectionString];
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  requests = [];
});

function reachedBy(id: string): string[] {
  return emulator
    .deliveries()
    .filter((delivery) => delivery.notificationId === id)
    .map((delivery) => delivery.installationId ?? "")
    .sort();
}

describe("nhub send", () => {
  it("broadcasts and prints the notification id and tracking id", async () => {
    const run = await runBin(["send", "--format", "windows", "--payload", TOAST, ...hub]);
    expect(run.code).toBe(0);
    const id = emulator.deliveries()[0]?.notificationId ?? "missing";
    expect(run.stdout).toContain(`Notification id  ${id}`);
    expect(run.stdout).toMatch(/Tracking id {6}\S+/);
    expect(reachedBy(id)).toEqual(["win-1", "win-2"]);
  });

  it("reads the hub and connection string from the environment and the payload from a file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "alert.json"), '{"aps":{"alert":"Goal"}}');
    const run = await runBin(
      ["send", "--format", "apple", "--payload", "@alert.json", "--tags", "sports"],
      {
        cwd: dir,
        env: { NH_HUB_NAME: "cli", NH_CONNECTION_STRING: emulator.connectionString },
      },
    );
    expect(run.code).toBe(0);
    const delivery = emulator.deliveries()[0];
    expect(delivery?.installationId).toBe("ios-1");
    expect(delivery?.body).toBe('{"aps":{"alert":"Goal"}}');
  });

  it("sends to a tag expression and passes extra headers", async () => {
    const run = await runBin([
      "send",
      "--format",
      "windows",
      "--payload",
      TOAST,
      "--tag-expression",
      "politics && !sports",
      "--header",
      "X-WNS-TTL: 60",
      "--json",
      ...hub,
    ]);
    expect(run.code).toBe(0);
    const { notificationId } = JSON.parse(run.stdout) as { notificationId: string };
    expect(reachedBy(notificationId)).toEqual(["win-2"]);
    expect(emulator.deliveries()[0]?.headers["x-wns-ttl"]).toBe("60");
  });

  it("passes --option values to the platform adapter", async () => {
    const run = await runBin([
      "send",
      "--format",
      "windows",
      "--payload",
      "raw bytes",
      "--option",
      "type=raw",
      ...hub,
    ]);
    expect(run.code).toBe(0);
    expect(emulator.deliveries()[0]?.headers["x-wns-type"]).toBe("wns/raw");
  });

  it("prints the outcome of a test send as a table", async () => {
    const run = await runBin([
      "send",
      "--format",
      "apple",
      "--payload",
      '{"aps":{"alert":"x"}}',
      "--test",
      ...hub,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Test send reached 2 device(s): 1 succeeded, 1 failed.");
    expect(run.stdout).toMatch(/Platform\s+PNS handle\s+Registration id\s+Outcome/);
    expect(run.stdout).toMatch(
      /apple\s+bb22\s+\S+\s+The Push Notification System handle for the registration is invalid/,
    );
  });

  it("prints only JSON on stdout with --json, even with --debug", async () => {
    const run = await runBin([
      "send",
      "--format",
      "windows",
      "--payload",
      TOAST,
      "--json",
      "--debug",
      "--tags",
      "sports",
      ...hub,
    ]);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as {
      notificationId: string;
      outcome: { success: number };
    };
    expect(parsed.outcome.success).toBe(1);
    expect(reachedBy(parsed.notificationId)).toEqual(["win-1"]);
    expect(run.stderr).toContain("--> POST");
  });

  it("dumps the request and response with --debug, with no key and no signature", async () => {
    const run = await runBin([
      "send",
      "--format",
      "windows",
      "--payload",
      TOAST,
      "--debug",
      ...hub,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /--> POST http:\/\/127\.0\.0\.1:\d+\/cli\/messages\?api-version=2020-06&test=true/,
    );
    expect(run.stdout).toContain("sig=<redacted>");
    expect(run.stdout).toContain("<-- 201");
    expect(`${run.stdout}${run.stderr}`).not.toMatch(CLEAR_SECRET);
  });

  it("dumps a real send with --dump (no test=true), with no key and no signature", async () => {
    const run = await runBin(["send", "--format", "windows", "--payload", TOAST, "--dump", ...hub]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /--> POST http:\/\/127\.0\.0\.1:\d+\/cli\/messages\?api-version=2020-06\n/,
    );
    expect(run.stdout).not.toContain("test=true");
    expect(run.stdout).toContain("sig=<redacted>");
    expect(`${run.stdout}${run.stderr}`).not.toMatch(CLEAR_SECRET);
  });
});

describe.concurrent("nhub send: bad input", () => {
  const cases: [string, string[], RegExp][] = [
    [
      "an unknown format",
      ["--format", "pager", "--payload", "x"],
      /nhub: option '--format <format>' argument 'pager' is invalid/,
    ],
    [
      "an empty tag in --tags",
      ["--format", "windows", "--payload", TOAST, "--tags", "a,,b"],
      /nhub: --tags needs a comma-separated list/,
    ],
    [
      "a tag with bad characters",
      ["--format", "windows", "--payload", TOAST, "--tags", "bad tag!"],
      /nhub: .*tag/i,
    ],
    [
      "tags and a tag expression",
      ["--format", "windows", "--payload", TOAST, "--tags", "a", "--tag-expression", "b"],
      /nhub: option '--tags <a,b>' cannot be used with option '--tag-expression/,
    ],
    [
      "a payload the adapter refuses",
      ["--format", "windows", "--payload", "<html/>"],
      /nhub: .*<html>/,
    ],
    [
      "a malformed header",
      ["--format", "windows", "--payload", TOAST, "--header", "nocolon"],
      /nhub: --header needs Name:Value/,
    ],
    [
      "a missing payload file",
      ["--format", "windows", "--payload", "@nope.xml"],
      /nhub: --payload: cannot read file nope\.xml \(ENOENT\)/,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(`exits 2 for ${name}, sending nothing`, async () => {
      const run = await runBin(["send", ...args, ...hub]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(requests).toEqual([]);
    });
  }
});

describe("nhub send: refusals", () => {
  it("exits 2 without a connection string", async () => {
    const run = await runBin(["send", "--format", "windows", "--payload", TOAST, "--hub", "cli"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "nhub: missing connection string: pass --connection-string or set NH_CONNECTION_STRING\n",
    );
  });

  it("exits 2 for a malformed connection string without printing it", async () => {
    const run = await runBin([
      "send",
      "--format",
      "windows",
      "--payload",
      TOAST,
      "--hub",
      "cli",
      "--connection-string",
      "SharedAccessKey=topsecret",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^nhub: /);
    expect(run.stderr).not.toContain("topsecret");
  });

  it("exits 1 when the service refuses (a listen-only rule cannot send)", async () => {
    const run = await runBin([
      "send",
      "--format",
      "windows",
      "--payload",
      TOAST,
      "--hub",
      "cli",
      "--connection-string",
      emulator.listenConnectionString,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^nhub: .*(401|403)/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(emulator.deliveries()).toEqual([]);
  });

  it("prints the stack only with --verbose", async () => {
    const run = await runBin([
      "send",
      "--format",
      "windows",
      "--payload",
      "<html/>",
      "--verbose",
      ...hub,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\n\s+at /);
  });
});
