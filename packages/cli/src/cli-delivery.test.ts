import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FCM_MESSAGE, sendHandlesArgs } from "./handles-send.test-helper.js";
import { runBin } from "./run-bin.test-helper.js";
import { tempDirs } from "./temp-dirs.test-helper.js";

const tempDir = tempDirs("nhub-cli-");

const TOAST =
  '<toast><visual><binding template="ToastText01"><text id="1">Later</text></binding></visual></toast>';
let emulator: Emulator;
let hub: string[];
let dir: string;

function handlesFile(name: string, count: number): string {
  const handles = Array.from({ length: count }, (_, index) => `token-${index}`);
  writeFileSync(join(dir, name), `${handles.join("\n")}\n\n`);
  return name;
}

beforeAll(async () => {
  dir = tempDir();
  emulator = await startEmulator({
    installations: [
      { installationId: "pixel", platform: "fcmv1", pushChannel: "token-pixel", tags: ["sports"] },
      { installationId: "win", platform: "wns", pushChannel: "https://wns.example/1" },
      {
        installationId: "web",
        platform: "browser",
        pushChannel: { endpoint: "https://push.example/abc", p256dh: "BP256", auth: "AUTH" },
      },
    ],
  });
  hub = ["--hub", emulator.hubName, "--connection-string", emulator.connectionString];
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("nhub send --device-handle", () => {
  it("sends directly to one handle", async () => {
    const run = await runBin([
      "send",
      "--format",
      "fcmv1",
      "--payload",
      FCM_MESSAGE,
      "--device-handle",
      "token-pixel",
      "--json",
      ...hub,
    ]);
    expect(run.code).toBe(0);
    const { notificationId } = JSON.parse(run.stdout) as { notificationId: string };
    expect(
      emulator.deliveries().map((d) => [d.notificationId, d.pushChannel, d.installationId]),
    ).toEqual([[notificationId, "token-pixel", "pixel"]]);
  });

  it("takes a browser subscription as JSON", async () => {
    const subscription = JSON.stringify({
      endpoint: "https://push.example/abc",
      p256dh: "BP256",
      auth: "AUTH",
    });
    const run = await runBin([
      "send",
      "--format",
      "browser",
      "--payload",
      '{"title":"Hi"}',
      "--device-handle",
      subscription,
      ...hub,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Direct browser notification sent.");
    expect(emulator.deliveries().map((d) => d.pushChannel)).toEqual(["https://push.example/abc"]);
  });

  it("exits 2 for a browser handle that is not a subscription", async () => {
    const run = await runBin([
      "send",
      "--format",
      "browser",
      "--payload",
      '{"title":"Hi"}',
      "--device-handle",
      "https://push.example/abc",
      ...hub,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^nhub: --device-handle for the browser format must be the JSON subscription/,
    );
  });

  it("exits 2 when combined with tags", async () => {
    const run = await runBin([
      "send",
      "--format",
      "fcmv1",
      "--payload",
      FCM_MESSAGE,
      "--device-handle",
      "t",
      "--tags",
      "a",
      ...hub,
    ]);
    expect(run.code).toBe(2);
    expect(emulator.deliveries()).toEqual([]);
  });
});

describe("nhub send --device-handles", () => {
  it("sends a batch in requests of 1000 and prints the summary, with no progress bar off a terminal", async () => {
    const file = handlesFile("handles.txt", 2500);
    const run = await runBin([...sendHandlesArgs(`@${file}`), ...hub], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "Batch send: 2500 handle(s) in 3 request(s): 2500 sent, 0 failed.",
    );
    expect(run.stderr).toBe("");
    const channels = new Set(emulator.deliveries().map((d) => d.pushChannel));
    expect(channels.size).toBe(2500);
    expect(channels.has("token-2499")).toBe(true);
  });

  it.each([
    [400, "failed"],
    [500, "uncertain"],
  ] as const)(
    "reports a request answered %d with its handles as %s and exits 1",
    async (status, outcome) => {
      const file = handlesFile(`two-${status}.txt`, 2000);
      emulator.injectFault({ status });
      const run = await runBin([...sendHandlesArgs(file), "--json", ...hub], { cwd: dir });
      expect(run.code).toBe(1);
      const result = JSON.parse(run.stdout) as Record<string, unknown> & {
        failedHandles: string[];
        uncertainHandles: string[];
      };
      // A 400 refused the chunk: send it again. After a 500 the hub may have accepted it.
      const other = outcome === "failed" ? "uncertain" : "failed";
      expect(result).toMatchObject({ total: 2000, succeeded: 1000, [outcome]: 1000, [other]: 0 });
      const listed = outcome === "failed" ? result.failedHandles : result.uncertainHandles;
      expect(listed).toHaveLength(1000);
      const delivered = new Set(emulator.deliveries().map((d) => d.pushChannel));
      expect(listed.some((handle) => delivered.has(handle))).toBe(false);
    },
  );

  it("exits 2 for an empty handles file", async () => {
    writeFileSync(join(dir, "empty.txt"), "\n\n");
    const run = await runBin([...sendHandlesArgs("@empty.txt"), ...hub], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("nhub: --device-handles: empty.txt holds no handles\n");
  });
});

describe("nhub send --schedule and nhub cancel", () => {
  it("schedules a push, cancels it, and refuses a second cancel with exit 1", async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await runBin([
      "send",
      "--format",
      "windows",
      "--payload",
      TOAST,
      "--schedule",
      later,
      "--json",
      ...hub,
    ]);
    expect(scheduled.code).toBe(0);
    const { notificationId, scheduledTime } = JSON.parse(scheduled.stdout) as {
      notificationId: string;
      scheduledTime: string;
    };
    expect(scheduledTime).toBe(later);
    const cancelled = await runBin(["cancel", notificationId, ...hub]);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toBe(`Scheduled notification ${notificationId} cancelled.\n`);
    const again = await runBin(["cancel", notificationId, ...hub]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^nhub: .*404/);
    expect(emulator.deliveries()).toEqual([]);
  });

  it("exits 2 for a schedule time that is not a date", async () => {
    const run = await runBin([
      "send",
      "--format",
      "windows",
      "--payload",
      TOAST,
      "--schedule",
      "tomorrow-ish",
      ...hub,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^nhub: scheduleSend needs a valid Date/);
  });
});

describe("nhub details", () => {
  it("prints the outcome counts as a table, and as JSON", async () => {
    const sent = await runBin([
      "send",
      "--format",
      "windows",
      "--payload",
      TOAST,
      "--json",
      ...hub,
    ]);
    const { notificationId } = JSON.parse(sent.stdout) as { notificationId: string };
    const run = await runBin(["details", notificationId, "--wait", "2000", ...hub]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/State\s+Completed/);
    expect(run.stdout).toMatch(/Platform\s+Outcome\s+Count/);
    expect(run.stdout).toMatch(/wns\s+Success\s+1/);
    const json = await runBin(["details", notificationId, "--json", ...hub]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      notificationId,
      state: "Completed",
      outcomeCounts: { wns: { Success: 1 } },
    });
  });

  it("exits 1 when the hub has no details for the id", async () => {
    const run = await runBin(["details", "NH-unknown", "--wait", "100", ...hub]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^nhub: .*404/);
  });

  it("exits 2 for a --wait that is not a number", async () => {
    const run = await runBin(["details", "NH-1", "--wait", "soon", ...hub]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('nhub: --wait must be a whole number from 0 to 3600000, got "soon"\n');
  });
});
