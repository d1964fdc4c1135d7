import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, childEnv, runBin } from "./run-bin.test-helper.js";
import { tempDirs } from "./temp-dirs.test-helper.js";

const tempDir = tempDirs("nhub-cli-emulator-log-");

const TOAST =
  '<toast><visual><binding template="ToastText01"><text id="1">Hi</text></binding></visual></toast>';
const KEY = "Zml4ZWQta2V5LWZvci10aGUtZW11bGF0b3I+Lw==";

/** Starts `nhub emulator ...args` with three seeded WNS devices; resolves with its output so far. */
async function startCli(args: string[]) {
  const dir = tempDir();
  const devices = ["w1", "w2", "w3"].map((id) => ({
    installationId: id,
    platform: "wns",
    pushChannel: `https://wns.example/${id}`,
    tags: ["news"],
  }));
  writeFileSync(join(dir, "seed.json"), JSON.stringify(devices));
  const child = spawn(
    process.execPath,
    [BIN, "emulator", "--port", "0", "--hub", "local", "--seed", "seed.json", ...args],
    { cwd: dir, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] },
  );
  const output = { stdout: "" };
  child.stdout.setEncoding("utf8");
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const connectionString = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: string) => {
      output.stdout += chunk;
      const match = /^ {2}(Endpoint=\S+)$/m.exec(output.stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.on("close", () => reject(new Error(`emulator exited early:\n${output.stdout}`)));
  });
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve) => {
      const check = () => (pattern.test(output.stdout) ? resolve() : setTimeout(check, 20));
      check();
    });
  const stop = async () => {
    child.kill("SIGINT");
    return exited;
  };
  return { output, connectionString, waitFor, stop };
}

const sendArgs = (connectionString: string) => [
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
];

describe("nhub emulator --key and its log", () => {
  it("uses the --key given and logs one line per request, naming the devices reached", async () => {
    const cli = await startCli(["--key", KEY]);
    expect(cli.connectionString).toContain(
      `SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=${KEY}`,
    );
    const sent = await runBin(sendArgs(cli.connectionString));
    expect(sent.code).toBe(0);
    await cli.waitFor(/POST \/local\/messages 201/);
    const lines = cli.output.stdout.split("\n").filter((line) => /\/local\//.test(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ POST \/local\/messages 201 NH-\S+ 3 devices reached$/);
    expect(cli.output.stdout).not.toMatch(/ deliver /);
    expect(await cli.stop()).toBe(0);
  });

  it("with --verbose adds one line per delivery", async () => {
    const cli = await startCli(["--verbose"]);
    await runBin(sendArgs(cli.connectionString));
    await cli.waitFor(/POST \/local\/messages 201/);
    expect(cli.output.stdout.match(/ deliver wns w\d /g)).toHaveLength(3);
    expect(cli.output.stdout).toMatch(/POST \/local\/messages 201 NH-\S+ 3 devices reached/);
    expect(await cli.stop()).toBe(0);
  });

  it("logs a scheduled push's deliveries as one line when it fires", async () => {
    const cli = await startCli([]);
    const at = new Date(Date.now() + 1500).toISOString();
    const scheduled = await runBin([...sendArgs(cli.connectionString), "--schedule", at]);
    expect(scheduled.code).toBe(0);
    await cli.waitFor(/ scheduled NH-\S+ 3 devices reached\n/);
    expect(cli.output.stdout).toMatch(/POST \/local\/schedulednotifications 201 NH-\S+\n/);
    expect(cli.output.stdout).not.toMatch(/ deliver /);
    expect(await cli.stop()).toBe(0);
  });

  it("exits 2 for a --key that is not base64, without repeating it", async () => {
    for (const bad of ["not base64!", "abc", "ab=c"]) {
      const run = await runBin(["emulator", "--port", "0", "--key", bad]);
      expect(run.code, bad).toBe(2);
      expect(run.stderr).toBe(
        "nhub: --key must be a base64 string (A-Z a-z 0-9 + / and = padding, a multiple of 4 characters), e.g. the output of `openssl rand -base64 32`\n",
      );
    }
  });
});

describe("nhub emulator --data", () => {
  it("keeps the keys in the data directory, so the connection string survives a restart", async () => {
    const data = tempDir();
    const first = await startCli(["--data", data]);
    expect(first.output.stdout).toContain(`Data:              ${data} (kept across restarts)`);
    await first.waitFor(/Press Ctrl-C to stop\./);
    expect(await first.stop()).toBe(0);
    const second = await startCli(["--data", data]);
    const key = (cs: string) => /SharedAccessKey=([^;]+)/.exec(cs)?.[1];
    expect(key(first.connectionString)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(key(second.connectionString)).toBe(key(first.connectionString));
    await second.waitFor(/Press Ctrl-C to stop\./);
    expect(await second.stop()).toBe(0);
  });
});
