// Runs the shell and Python examples of the README's "Inspection API" section against emulators
// started here. The README writes the emulator's address as http://127.0.0.1:8765 (and
// http://emulator-host:8765 off loopback, with $TOKEN); this test replaces those with the address
// of the emulator it started and sets TOKEN to its inspection token. Every command line of the
// section must have an expectation below, so an example added to the README is run too.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPLE, APPLE_BODY, call, KEYS } from "./http.test-helper.js";
import { type SpawnedEmulator, spawnEmulator } from "./inspection.test-helper.js";
import { runsWith } from "./tools.test-helper.js";

const README = fileURLToPath(new URL("../README.md", import.meta.url));
const LOCAL = "http://127.0.0.1:8765";
const REMOTE = "http://emulator-host:8765";

interface Block {
  lang: string;
  code: string;
}

/** The fenced code blocks of the README section `heading`. */
function sectionBlocks(heading: string): Block[] {
  const text = readFileSync(README, "utf8");
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no '## ${heading}' section`);
  const next = text.indexOf("\n## ", start + 4);
  const section = text.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1] ?? "",
    code: m[2] ?? "",
  }));
}

const curl = runsWith("curl", "the README's curl examples");
const python = runsWith("python3", "the README's Python example");

const blocks = sectionBlocks("Inspection API");
const shellLines = (block: Block) =>
  block.code
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));

function sh(line: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "sh",
      ["-c", line],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (error, out) => (error ? reject(new Error(`${line}: ${error.message}`)) : resolve(out)),
    );
  });
}

/**
 * Records everything `child` prints from the moment it is called. `until(marker)` resolves once the
 * output printed after the previous `until` contains `marker`, with that output. One listener reads
 * the whole time, so nothing printed between two waits (say while a push is being sent) is lost.
 */
function recorder(child: ChildProcess) {
  let text = "";
  let from = 0;
  let exited: number | null | undefined;
  let waiting: (() => void) | undefined;
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
    waiting?.();
  });
  child.once("exit", (code) => {
    exited = code;
    waiting?.();
  });
  return {
    until(marker: string): Promise<string> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const at = text.indexOf(marker, from);
          if (at >= 0) {
            const seen = text.slice(from, at + marker.length);
            from = at + marker.length;
            waiting = undefined;
            resolve(seen);
          } else if (exited !== undefined) {
            waiting = undefined;
            reject(new Error(`exited with ${exited} before '${marker}':\n${text.slice(from)}`));
          }
        };
        waiting = check;
        check();
      });
    },
  };
}

function sendToPhone(emulator: SpawnedEmulator) {
  return call(emulator.asEmulator, {
    path: "demo/messages?api-version=2020-06",
    headers: { ...APPLE, "ServiceBusNotification-Tags": "sports" },
    body: APPLE_BODY,
  });
}

const json = (text: string) =>
  JSON.parse(text) as Record<string, unknown> & { items: { id: string }[] };

describe("the README's Inspection API examples", () => {
  let emulator: SpawnedEmulator;
  let base: string;
  beforeAll(async () => {
    emulator = await spawnEmulator({
      keys: KEYS,
      installations: [
        { installationId: "phone-1", platform: "apns", pushChannel: "token-1", tags: ["sports"] },
      ],
    });
    base = emulator.url.replace(/\/$/, "");
    // 42 pushes: deliveries d1..d42 and requests r1..r42, the ids the examples name.
    for (let i = 0; i < 42; i++) expect((await sendToPhone(emulator)).status).toBe(201);
  });
  afterAll(() => emulator.stop());

  it.runIf(curl)("runs every curl line of the main example", async () => {
    const block = blocks.find((b) => /^(sh|bash|console)$/.test(b.lang) && b.code.includes(LOCAL));
    const lines = shellLines(block as Block);
    expect(lines[0]).toBe(`E=${LOCAL}`);
    const env = { E: base };
    const checks: [RegExp, (out: string) => void | Promise<void>][] = [
      [/\/_nhub\/health$/, (out) => expect(JSON.parse(out)).toEqual({ status: "ok" })],
      [/\/_nhub\/api\/info$/, (out) => expect(json(out)).toMatchObject({ hubs: ["demo"] })],
      [
        /deliveries\?limit=10&installationId=phone-1"$/,
        (out) => {
          const page = json(out);
          expect(page.items.map((item) => item.id)).toEqual(
            Array.from({ length: 10 }, (_, i) => `d${42 - i}`),
          );
          expect(page.next).toBe("c33");
        },
      ],
      [
        /deliveries\?limit=10&cursor=c41"/,
        (out) =>
          expect(json(out).items.map((item) => item.id)).toEqual(
            Array.from({ length: 10 }, (_, i) => `d${40 - i}`),
          ),
      ],
      [
        /deliveries\/d42$/,
        (out) => expect(json(out)).toMatchObject({ id: "d42", platform: "apns" }),
      ],
      [/-X DELETE \$E\/_nhub\/api\/deliveries$/, (out) => expect(out).toBe("")],
      [
        /devices\?hub=demo$/,
        (out) => expect(json(out).items.map((d) => d.id)).toEqual(["phone-1"]),
      ],
      [/requests\?limit=5"$/, (out) => expect(json(out).items).toHaveLength(5)],
      [/requests\/r7$/, (out) => expect(json(out)).toMatchObject({ id: "r7", status: 201 })],
      [/_nhub\/api\/faults -d /, (out) => expect(JSON.parse(out)).toEqual({ queued: 1 })],
      [/_nhub\/api\/reset$/, (out) => expect(out).toBe("")],
    ];
    for (const line of lines.slice(1)) {
      if (line.includes("/deliveries/stream")) {
        // Runs until it has printed a delivery sent after it subscribed.
        const child = spawn("sh", ["-c", `exec ${line}`], { env: { ...process.env, ...env } });
        const out = recorder(child);
        try {
          await out.until(": connected");
          expect((await sendToPhone(emulator)).status).toBe(201);
          const text = await out.until("}\n\n");
          expect(text).toMatch(/id: d43\nevent: delivery\ndata: \{.*"installationId":"phone-1"/);
        } finally {
          child.kill();
        }
        continue;
      }
      const check = checks.find(([pattern]) => pattern.test(line));
      if (check === undefined) throw new Error(`no expectation for the README line: ${line}`);
      await check[1](await sh(line, env));
    }
  });

  it.runIf(curl)("runs the off-loopback curl line with the token", async () => {
    const remote = await spawnEmulator({ keys: KEYS, host: "0.0.0.0" });
    try {
      const block = blocks.find((b) => b.code.includes(REMOTE)) as Block;
      const [line] = shellLines(block);
      const address = remote.url.replace("0.0.0.0", "127.0.0.1").replace(/\/$/, "");
      const out = await sh((line as string).replaceAll(REMOTE, address), {
        TOKEN: remote.inspectionToken,
      });
      expect(JSON.parse(out)).toEqual({ items: [], next: null, pruned: 0 });
      const refused = await sh((line as string).replaceAll(REMOTE, address), { TOKEN: "wrong" });
      expect(JSON.parse(refused)).toMatchObject({ error: { code: "Unauthorized" } });
    } finally {
      await remote.stop();
    }
  });

  it.runIf(python)(
    "runs the Python example: it prints the push sent after it subscribed",
    async () => {
      const block = blocks.find((b) => b.lang === "python") as Block;
      expect(block.code).toContain(LOCAL);
      // Says when urlopen has returned (the stream is subscribed), so the push is sent after that.
      const prelude = `import urllib.request as _r
_open = _r.urlopen
def _urlopen(*args, **kwargs):
    answer = _open(*args, **kwargs)
    print("subscribed", flush=True)
    return answer
_r.urlopen = _urlopen
`;
      const child = spawn("python3", ["-c", prelude + block.code.replaceAll(LOCAL, base)]);
      const out = recorder(child);
      try {
        await out.until("subscribed\n");
        expect((await sendToPhone(emulator)).status).toBe(201);
        const text = await out.until("}\n");
        expect(text).toBe(`apns ${APPLE_BODY}\n`);
      } finally {
        child.kill();
      }
    },
  );
});
