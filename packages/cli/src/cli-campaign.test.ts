import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runBin, startBin } from "./run-bin.test-helper.js";

const MESSAGE = '{"message":{"notification":{"title":"Hi","body":"there"}}}';
let emulator: Emulator;
let hub: string[];
let dir: string;

function handlesFile(name: string, count: number): string {
  const handles = Array.from({ length: count }, (_, index) => `token-${index}`);
  writeFileSync(join(dir, name), `${handles.join("\r\n")}\n  \n`);
  return name;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "nhub-cli-campaign-"));
  emulator = await startEmulator();
  hub = ["--hub", emulator.hubName, "--connection-string", emulator.connectionString];
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("nhub send --device-handles (streamed)", () => {
  it("resumes with --start-at: skips the first n handles and sends each other one once", async () => {
    const file = handlesFile("resume.txt", 2500);
    const run = await runBin(
      [
        "send",
        "--format",
        "fcmv1",
        "--payload",
        MESSAGE,
        "--device-handles",
        `@${file}`,
        "--start-at",
        "1000",
        "--json",
        ...hub,
      ],
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
    const missing = await runBin(
      ["send", "--format", "fcmv1", "--payload", MESSAGE, "--device-handles", "@nope.txt", ...hub],
      { cwd: dir },
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("nhub: --device-handles: cannot read file nope.txt (ENOENT)\n");
    const file = handlesFile("bad-start.txt", 3);
    const bad = await runBin(
      [
        "send",
        "--format",
        "fcmv1",
        "--payload",
        MESSAGE,
        "--device-handles",
        `@${file}`,
        "--start-at",
        "-1",
        ...hub,
      ],
      { cwd: dir },
    );
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
        "send",
        "--format",
        "fcmv1",
        "--payload",
        MESSAGE,
        "--device-handles",
        `@${file}`,
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
