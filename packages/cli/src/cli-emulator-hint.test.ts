import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { childEnv } from "./run-bin.test-helper.js";

const clone = fileURLToPath(new URL("../../..", import.meta.url));

describe("nhub emulator's start-up hint", () => {
  it("names a command that runs as printed from where the emulator was started", async () => {
    // As in a clone: started from the repository root through the committed launcher.
    const child = spawn(
      process.execPath,
      ["packages/cli/bin/nhub.mjs", "emulator", "--port", "0"],
      {
        cwd: clone,
        env: childEnv(),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    child.stdout.setEncoding("utf8");
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const [connectionString, hint] = await new Promise<[string, string]>((resolve, reject) => {
      child.stdout.on("data", (chunk: string) => {
        stdout += chunk;
        const cs = /^ {2}(Endpoint=\S+)$/m.exec(stdout)?.[1];
        const tryLine = /^Try: (.+)$/m.exec(stdout)?.[1];
        if (cs && tryLine) resolve([cs, tryLine]);
      });
      child.on("close", () => reject(new Error(`emulator exited early:\n${stdout}`)));
    });
    expect(hint).toContain(" node packages/cli/bin/nhub.mjs send ");
    const command = hint.replace("<the string above>", connectionString);
    const run = spawnSync("sh", ["-c", command], { cwd: clone, env: childEnv(), encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("notification sent");
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });
});

describe("ownCommand", () => {
  it("says nhub when started through a nhub link, else node and the script's path", async () => {
    const { ownCommand } = await import("./own-command.js");
    expect(ownCommand("/usr/local/bin/nhub", "/home/me")).toBe("nhub");
    expect(ownCommand("/src/nhub/packages/cli/bin/nhub.mjs", "/src/nhub")).toBe(
      "node packages/cli/bin/nhub.mjs",
    );
    expect(ownCommand("/my dir/bin/nhub.mjs", "/elsewhere")).toBe("node '/my dir/bin/nhub.mjs'");
  });
});
