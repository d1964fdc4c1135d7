import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBin, startBin } from "./run-bin.test-helper.js";
import { tempDirs } from "./temp-dirs.test-helper.js";

const tempDir = tempDirs("nhub-cli-");

const TOAST =
  '<toast><visual><binding template="ToastText01"><text id="1">Hi</text></binding></visual></toast>';

describe("nhub emulator", () => {
  it("prints its connection string, logs requests and (--verbose) deliveries, and stops with exit 0 on SIGINT", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "seed.json"),
      JSON.stringify([
        {
          installationId: "win-seeded",
          platform: "wns",
          pushChannel: "https://wns.example/s",
          tags: ["news"],
        },
      ]),
    );
    const bin = startBin(
      [
        "emulator",
        "--port",
        "0",
        "--hub",
        "local",
        "--seed",
        "seed.json",
        "--max-deliveries",
        "5",
        "--verbose",
      ],
      { cwd: dir },
    );
    const { child, exited } = bin;
    const connectionString = await bin.waitFor(/^ {2}(Endpoint=\S+)$/m);
    expect(bin.stdout()).toContain("Hubs:              local");
    const inbox = /^Inbox: +(http:\/\/127\.0\.0\.1:\d+\/_nhub\/)$/m.exec(bin.stdout())?.[1];
    expect(inbox).toBeDefined();
    const info = await fetch(`${inbox}api/info`);
    expect(await info.json()).toMatchObject({ hubs: ["local"], maxDeliveries: 5 });
    const sent = await runBin([
      "send",
      "--format",
      "windows",
      "--payload",
      TOAST,
      "--tags",
      "news",
      "--hub",
      "local",
      "--connection-string",
      connectionString,
    ]);
    expect(sent.code).toBe(0);
    await bin.waitFor(/POST \/local\/messages 201/);
    expect(bin.stdout()).toMatch(/deliver wns win-seeded \[\S+\] <toast>/);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(bin.stdout()).toContain("Emulator stopped (SIGINT).");
  });

  it("exits 2 for a bad port or a missing seed file", async () => {
    const port = await runBin(["emulator", "--port", "http"]);
    expect(port.code).toBe(2);
    expect(port.stderr).toBe('nhub: --port must be a whole number from 0 to 65535, got "http"\n');
    const seed = await runBin(["emulator", "--port", "0", "--seed", "missing.json"]);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toMatch(/^nhub: --seed: cannot read file missing\.json/);
    const max = await runBin(["emulator", "--port", "0", "--max-deliveries", "0"]);
    expect(max.code).toBe(2);
    expect(max.stderr).toBe(
      'nhub: --max-deliveries must be a whole number from 1 to 10000000, got "0"\n',
    );
  });

  it("off loopback (--host 0.0.0.0) prints the inspection token the API then needs", async () => {
    const bin = startBin(["emulator", "--port", "0", "--host", "0.0.0.0"]);
    const { child, exited } = bin;
    const token = await bin.waitFor(/^Inspection token: +(\w+) /m);
    const port = await bin.waitFor(/^Inbox: +http:\/\/0\.0\.0\.0:(\d+)\/_nhub\/\?token=\w+$/m);
    expect(bin.stdout()).toContain(`/_nhub/?token=${token}\n`);
    const api = `http://127.0.0.1:${port}/_nhub/api/info`;
    expect((await fetch(api)).status).toBe(401);
    const allowed = await fetch(api, { headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("exits 2 for a seed file with an invalid installation", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({
        installations: [{ installationId: "x", platform: "pager", pushChannel: "y" }],
      }),
    );
    const run = await runBin(["emulator", "--port", "0", "--seed", "bad.json"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^nhub: Invalid installation: installation 'x': platform must be one of/,
    );
  });
});

describe("nhub demo", () => {
  it("plays the walkthrough, exits 0 and prints no key and no signature", async () => {
    const run = await runBin(["demo"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("SharedAccessKey=<redacted>");
    expect(run.stdout).toContain("sig=<redacted>");
    expect(run.stdout).not.toMatch(/SharedAccessKey=(?!<redacted>)/);
    expect(run.stdout).not.toMatch(/sig=(?!<redacted>)/);
    expect(run.stdout).toMatch(/(\d+) of \1 steps behaved as expected/);
    expect(run.stdout).toContain(
      "Batch send: 2500 handle(s) in 3 request(s): 2500 sent, 0 failed.",
    );
    expect(run.stdout).toContain("progress: 2500/2500 handles sent");
    expect(run.stdout).not.toContain("✗");
  });
});

describe.concurrent("usage", () => {
  for (const command of ["send", "cancel", "details", "emulator", "demo"]) {
    it(`prints help for ${command}`, async () => {
      const run = await runBin([command, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: nhub ${command}`);
    });
  }

  it("lists every command in the main help", async () => {
    const run = await runBin(["--help"]);
    expect(run.code).toBe(0);
    for (const command of ["send", "cancel", "details", "emulator", "demo"]) {
      expect(run.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, "m"));
    }
  });

  it("exits 2 for an unknown command or option", async () => {
    const command = await runBin(["sned"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^nhub: unknown command 'sned'/);
    const option = await runBin(["send", "--format", "windows", "--payload", "x", "--formta"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^nhub: unknown option '--formta'/);
  });

  it("exits 2 and shows help when no command is given", async () => {
    const run = await runBin([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Usage: nhub");
  });
});

describe("nhub demo --keep-open", () => {
  it("keeps the emulator running after the summary, prints the inbox URL and stops on SIGINT", async () => {
    const bin = startBin(["demo", "--keep-open"]);
    const { child, exited } = bin;
    const inbox = await bin.waitFor(/^Inbox: +(http:\/\/127\.0\.0\.1:\d+\/_nhub\/)$/m, (out) =>
      out.includes("Press Ctrl-C"),
    );
    expect(bin.stdout()).toMatch(/(\d+) of \1 steps behaved as expected/);
    // The demo's deliveries are still there to look at.
    const answer = await fetch(`${inbox}api/deliveries?limit=1`);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { items: unknown[] }).items).toHaveLength(1);
    const page = await fetch(inbox);
    expect(page.status).toBe(200);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(bin.stdout()).toContain("Emulator stopped (SIGINT).");
  });
});
