import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Emulator, EmulatorOptions } from "./types.js";

const DIST = fileURLToPath(new URL("../dist/index.js", import.meta.url));

const SCRIPT = `
const { startEmulator } = await import(process.argv[1]);
const emulator = await startEmulator(JSON.parse(process.argv[2]));
process.stdout.write(JSON.stringify({
  url: emulator.url, hubName: emulator.hubName, inboxUrl: emulator.inboxUrl,
  inspectionToken: emulator.inspectionToken, connectionString: emulator.connectionString,
}) + "\\n");
process.on("SIGTERM", () => emulator.close().then(() => process.exit(0)));
`;

/** An emulator running in a child `node` process, started from the built `dist`. */
export interface SpawnedEmulator {
  url: string;
  hubName: string;
  inboxUrl: string;
  inspectionToken: string;
  connectionString: string;
  /** The shape `call` of http.test-helper needs. */
  asEmulator: Emulator;
  stop(): Promise<void>;
}

/** Starts `startEmulator(options)` in a separate process and reads its URLs from stdout. */
export function spawnEmulator(options: EmulatorOptions): Promise<SpawnedEmulator> {
  if (!existsSync(DIST)) {
    throw new Error(
      `${DIST} is missing: run 'npx turbo run build --filter=@nhub/emulator...' first`,
    );
  }
  const child: ChildProcess = spawn(
    process.execPath,
    ["--input-type=module", "-e", SCRIPT, DIST, JSON.stringify(options)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`emulator process exited with ${code}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const line = out.split("\n")[0];
      if (!out.includes("\n") || line === undefined) return;
      const info = JSON.parse(line) as Omit<SpawnedEmulator, "stop" | "asEmulator">;
      resolve({
        ...info,
        asEmulator: { url: info.url, hubName: info.hubName } as Emulator,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners("exit");
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/** `fetch` of an inspection path, answering status, headers and the parsed JSON (if any). */
export async function inspect(
  base: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const response = await fetch(new URL(path, base), init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === "" ? null : JSON.parse(text),
  };
}
