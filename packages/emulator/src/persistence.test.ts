import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseRegistrationEntry, serializeRegistration } from "@nhub/management";
import { describe, expect, it } from "vitest";
import { call, sasToken } from "./http.test-helper.js";
import { tempDirs } from "./temp-dirs.test-helper.js";
import type { Emulator } from "./types.js";

const DIST = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const V = "api-version=2020-06";
const N = 30;
const dataDirs = tempDirs("nhub-persist-");

interface Started {
  child: ChildProcess;
  url: string;
  connectionString: string;
}

/** Runs the built emulator with `dataDir` in a child process; resolves with what it prints. */
function startChild(dataDir: string): Promise<Started> {
  const script = `import { startEmulator } from ${JSON.stringify(DIST)};
const e = await startEmulator({ dataDir: ${JSON.stringify(dataDir)} });
console.log(JSON.stringify({ url: e.url, connectionString: e.connectionString }));`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const line = out.split("\n")[0];
      if (out.includes("\n") && line !== undefined) resolve({ child, ...JSON.parse(line) });
    });
    child.once("exit", (code) => reject(new Error(`emulator child exited with ${code}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/** Calls the child emulator, signed with the key of its connection string. */
function callChild(started: Started, method: string, path: string, body?: string) {
  const key = /SharedAccessKey=([^;]+)/.exec(started.connectionString)?.[1] ?? "";
  const emulator = { url: started.url } as Emulator;
  const header = sasToken({ uri: started.url, key, rule: "DefaultFullSharedAccessSignature" });
  return call(emulator, {
    method,
    path: `demo/${path}${path.includes("?") ? "&" : "?"}${V}`,
    auth: { header },
    ...(body === undefined ? {} : { body }),
  });
}

describe("startEmulator({ dataDir })", () => {
  it("keeps every acknowledged installation and registration, and the key, across SIGKILL", async () => {
    const dataDir = dataDirs();
    const first = await startChild(dataDir);
    const registrationIds: string[] = [];
    for (let i = 0; i < N; i++) {
      const installation = { installationId: `i${i}`, platform: "fcmv1", pushChannel: `h${i}` };
      const put = await callChild(
        first,
        "PUT",
        `installations/i${i}`,
        JSON.stringify(installation),
      );
      expect(put.status).toBe(200);
      const registration = serializeRegistration({
        kind: "fcmv1",
        fcmV1RegistrationId: `r${i}`,
        tags: [`t${i}`],
      });
      const created = await callChild(first, "POST", "registrations", registration);
      expect(created.status).toBe(200);
      registrationIds.push(String(parseRegistrationEntry(created.text).registrationId));
    }
    await killed(first.child);

    const second = await startChild(dataDir);
    try {
      expect(second.connectionString.replace(second.url, "")).toBe(
        first.connectionString.replace(first.url, ""),
      );
      for (let i = 0; i < N; i++) {
        const got = await callChild(second, "GET", `installations/i${i}`);
        expect(got.status).toBe(200);
        expect(JSON.parse(got.text)).toMatchObject({
          installationId: `i${i}`,
          pushChannel: `h${i}`,
        });
        const registration = await callChild(second, "GET", `registrations/${registrationIds[i]}`);
        expect(registration.status).toBe(200);
        expect(registration.text).toContain(`r${i}`);
      }
    } finally {
      await killed(second.child);
    }
  }, 60_000);
});
