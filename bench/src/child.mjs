import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

/** The clients, each a script under clients/ run in a fresh process. */
export const CLIENTS = [
  { id: "nhub", label: "nhub (@nhub/core + @nhub/wns)" },
  { id: "azure", label: "@azure/notification-hubs" },
  { id: "undici", label: "raw undici Pool" },
];

/**
 * Runs one client process with `config`; resolves with its JSON result and the wall time from
 * spawn to exit as the parent saw it. The official SDK and nhub trust the bench CA through
 * NODE_EXTRA_CA_CERTS (set for that process only); the raw undici client gets it in its Pool.
 */
export function runClient(id, config, { caPath, profileDir } = {}) {
  const script = fileURLToPath(new URL(`./clients/${id}.mjs`, import.meta.url));
  const flags = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  if (id === "azure" || id.startsWith("nhub")) env.NODE_EXTRA_CA_CERTS = caPath;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [...flags, script, JSON.stringify({ ...config, caPath })],
      {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const wallMs = performance.now() - started;
      const line = stdout.trim().split("\n").pop();
      let result;
      try {
        result = JSON.parse(line);
      } catch {
        reject(new Error(`client ${id} exited with ${code} and no result:\n${stderr || stdout}`));
        return;
      }
      if (code !== 0) {
        reject(new Error(`client ${id} exited with ${code}:\n${stderr}`));
        return;
      }
      resolve({ ...result, wallMs });
    });
  });
}
