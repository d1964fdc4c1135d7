// Child processes of the campaign, observability and delivery-log benches.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { fileURLToPath } from "node:url";
import { handleAt } from "./payload.mjs";

const here = (name) => fileURLToPath(new URL(name, import.meta.url));

function childEnv() {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}

/**
 * Starts `emulator-process.mjs` in its own process; resolves once it listens, with its connection
 * string and IPC helpers: `stats()`, `reset(expect)` (new counts for `expect` handles),
 * `settle()` (a memory sample after a GC and half a second idle: call it between phases), `close()`.
 */
export async function spawnEmulator(options) {
  const flags = options.gc ? ["--expose-gc"] : [];
  const script = here("./emulator-process.mjs");
  const child = spawn(process.execPath, [...flags, script, JSON.stringify(options)], {
    env: childEnv(),
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ask = (message, type) =>
    new Promise((resolve, reject) => {
      const onMessage = (answer) => {
        if (answer.type !== type) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(answer);
      };
      const onExit = (code) => reject(new Error(`emulator process exited with ${code}`));
      child.on("message", onMessage);
      child.once("exit", onExit);
      if (message) child.send(message);
    });
  const ready = await ask(undefined, "ready");
  return {
    connectionString: ready.connectionString,
    hubName: ready.hubName,
    pid: child.pid,
    stats: async () => (await ask({ type: "stats" }, "stats")).stats,
    reset: (expect) => ask({ type: "reset", expect }, "reset"),
    settle: async () => (await ask({ type: "settle" }, "settle")).sample,
    async close() {
      child.send({ type: "close" });
      await once(child, "exit");
    },
  };
}

/** Runs `script` (relative to this folder) with `config`; resolves with its last JSON line. */
export function runScript(script, config, extraArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...extraArgs, here(script), JSON.stringify(config)], {
      env: childEnv(),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = stdout.trim().split("\n").pop() ?? "";
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${stdout}`));
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`${script} printed no result: ${stdout}`));
      }
    });
  });
}

/** Writes `count` handles (`tok-0` …), one a line, to `file`. */
export async function writeHandlesFile(file, count) {
  const out = createWriteStream(file);
  const step = 10_000;
  for (let from = 0; from < count; from += step) {
    let text = "";
    for (let i = from; i < Math.min(count, from + step); i++) text += `${handleAt(i)}\n`;
    if (!out.write(text)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}
