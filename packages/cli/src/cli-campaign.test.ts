import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@nhub/core";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendHandlesArgs } from "./handles-send.test-helper.js";
import { runBin, startBin } from "./run-bin.test-helper.js";
import { tempDirs } from "./temp-dirs.test-helper.js";

const tempDir = tempDirs("nhub-cli-campaign-");

let emulator: Emulator;
let hub: string[];
let dir: string;

function handlesFile(name: string, count: number): string {
  const handles = Array.from({ length: count }, (_, index) => `token-${index}`);
  writeFileSync(join(dir, name), `${handles.join("\r\n")}\n  \n`);
  return name;
}

beforeAll(async () => {
  dir = tempDir();
  emulator = await startEmulator();
  hub = ["--hub", emulator.hubName, "--connection-string", emulator.connectionString];
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("nhub send --device-handles (streamed)", () => {
  it("resumes with --start-at: skips the first n handles and sends each other one once", async () => {
    const file = handlesFile("resume.txt", 2500);
    const run = await runBin(
      [...sendHandlesArgs(`@${file}`), "--start-at", "1000", "--json", ...hub],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      total: 1500,
      succeeded: 1500,
      failed: 0,
      requests: 2,
      startAt: 1000,
      failedHandles: [],
    });
    const channels = emulator.deliveries().map((delivery) => delivery.pushChannel);
    expect(channels).toHaveLength(1500);
    expect(new Set(channels).size).toBe(1500);
    expect(channels).not.toContain("token-999");
    expect(channels).toContain("token-1000");
    expect(channels).toContain("token-2499");
  });

  it("exits 2 for a missing handles file and for a bad --start-at, before any request", async () => {
    const missing = await runBin([...sendHandlesArgs("@nope.txt"), ...hub], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("nhub: --device-handles: cannot read file nope.txt (ENOENT)\n");
    const file = handlesFile("bad-start.txt", 3);
    const bad = await runBin([...sendHandlesArgs(`@${file}`), "--start-at", "-1", ...hub], {
      cwd: dir,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--start-at must be a whole number/);
    expect(emulator.deliveries()).toEqual([]);
  });
});

describe("nhub emulator --quota", () => {
  it("answers 429 beyond the quota, and a campaign through it still delivers every handle", async () => {
    const bin = startBin(["emulator", "--port", "0", "--quota", "1"], { cwd: dir });
    const { child, exited } = bin;
    const connectionString = await bin.waitFor(/^ {2}(Endpoint=\S+)$/m);
    expect(bin.stdout()).toContain("Quota:             1 requests per second per hub");
    const file = handlesFile("quota.txt", 3000);
    const run = await runBin(
      [
        ...sendHandlesArgs(`@${file}`),
        "--json",
        "--hub",
        "demo",
        "--connection-string",
        connectionString,
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ total: 3000, succeeded: 3000, failed: 0 });
    await bin.waitFor(
      /POST \/demo\/messages\/\$batch 201/,
      (out) => (out.match(/POST \/demo\/messages\/\$batch 201/g) ?? []).length >= 3,
    );
    expect(bin.stdout()).toMatch(/POST \/demo\/messages\/\$batch 429/);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  }, 30_000);
});

describe("nhub emulator --quota-status", () => {
  it("answers 403 with Retry-After beyond the quota when asked", async () => {
    const bin = startBin(["emulator", "--port", "0", "--quota", "1", "--quota-status", "403"], {
      cwd: dir,
    });
    const connectionString = await bin.waitFor(/^ {2}(Endpoint=\S+)$/m);
    expect(bin.stdout()).toContain("Quota:             1 requests per second per hub (403 beyond)");
    const client = createClient({ connectionString, hubName: "demo", retry: false });
    const request = () => client.request({ method: "GET", path: "registrations" });
    await request();
    const refused = await request().catch((e: unknown) => e);
    await client.close();
    expect(refused).toMatchObject({ statusCode: 403, retryAfterMs: 1000 });
    bin.child.kill("SIGINT");
    expect(await bin.exited).toBe(0);
  }, 30_000);

  it("exits 2 for a status other than 429 or 403, and without --quota", async () => {
    const bad = await runBin(["emulator", "--port", "0", "--quota", "5", "--quota-status", "500"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('nhub: --quota-status must be 429 or 403, got "500"\n');
    const alone = await runBin(["emulator", "--port", "0", "--quota-status", "403"]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe("nhub: --quota-status needs --quota <n>\n");
  });
});

describe("nhub send --device-handles: Ctrl-C", () => {
  it("stops at a chunk boundary, prints the --start-at to resume from and exits 130; resuming sends each handle once", async () => {
    // A slow hub: 2 requests per second, so the campaign of 8 chunks is still running when the
    // first chunk is accepted.
    const counts = new Map<string, number>();
    let accepted!: () => void;
    const firstAccepted = new Promise<void>((resolve) => {
      accepted = resolve;
    });
    const slow = await startEmulator({
      quota: { requestsPerSecond: 2 },
      onDelivery: (d) => counts.set(d.pushChannel, (counts.get(d.pushChannel) ?? 0) + 1),
      onRequest: (info) => {
        if (info.path.endsWith("/messages/$batch") && info.status === 201) accepted();
      },
    });
    try {
      const target = ["--hub", slow.hubName, "--connection-string", slow.connectionString];
      const file = handlesFile("interrupted.txt", 8000);
      const send = [...sendHandlesArgs(`@${file}`)];
      const bin = startBin([...send, ...target], { cwd: dir });
      await firstAccepted;
      bin.child.kill("SIGINT");
      expect(await bin.exited).toBe(130);
      const out = bin.stdout();
      expect(out).toMatch(/: \d+ sent, 0 failed\./);
      const startAt = /Stopped early: resume with --start-at (\d+)/.exec(out)?.[1];
      expect(startAt).toBeDefined();
      expect(Number(startAt)).toBeLessThan(8000);
      expect(counts.size).toBe(Number(startAt));

      const resumed = await runBin([...send, "--start-at", String(startAt), "--json", ...target], {
        cwd: dir,
      });
      expect(resumed.code).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ failed: 0, uncertain: 0, aborted: false });
      expect(counts.size).toBe(8000);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await slow.close();
    }
  }, 60_000);
});
