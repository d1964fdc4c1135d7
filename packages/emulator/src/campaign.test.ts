import { spawnSync } from "node:child_process";
import { createReadStream, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ClientClosedError } from "@nhub/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  type CountingEmulator,
  handles,
  countingEmulator as startCounting,
} from "./campaign.test-helper.js";
import { tempDirs } from "./temp-dirs.test-helper.js";

const tempDir = tempDirs("nhub-campaign-");

let running: CountingEmulator | undefined;
afterEach(() => running?.emulator.close());
async function countingEmulator() {
  running = await startCounting();
  return running;
}

describe("streamed sendBatch", () => {
  it("reads a sync iterable lazily and returns a summary", async () => {
    const { client, counts } = await countingEmulator();
    const result = await client.sendBatch("fcmv1", { title: "t" }, handles(2500), {
      batchSize: 1000,
    });
    expect(result).toMatchObject({ total: 2500, succeeded: 2500, failed: 0, requests: 3 });
    expect(result.failedChunks).toEqual([]);
    expect(result.succeededHandles).toBeUndefined();
    expect(result.aborted).toBe(false);
    expect(counts.size).toBe(2500);
    await client.close();
  });

  it("reads an async generator and reports each chunk with its start", async () => {
    const { client } = await countingEmulator();
    async function* source() {
      for (let i = 0; i < 250; i++) yield `a${i}`;
    }
    const starts: number[] = [];
    const result = await client.sendBatch("fcmv1", { title: "t" }, source(), {
      batchSize: 100,
      keepSucceededHandles: true,
      onChunk: (c) => starts.push(c.start),
    });
    expect(starts.sort((a, b) => a - b)).toEqual([0, 100, 200]);
    expect(result.succeededHandles?.length).toBe(250);
    await client.close();
  });

  it("streams a file read line by line", async () => {
    const { client, counts } = await countingEmulator();
    const file = join(tempDir(), "handles.txt");
    writeFileSync(file, `${[...handles(1200)].join("\n")}\n`);
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    const result = await client.sendBatch("fcmv1", { title: "t" }, lines);
    expect(result).toMatchObject({ total: 1200, succeeded: 1200, requests: 2 });
    expect(counts.get("h1199")).toBe(1);
    await client.close();
  });

  it("lists failed chunks so exactly those can be retried", async () => {
    const { emulator, client } = await countingEmulator();
    emulator.injectFault({ status: 400 });
    const result = await client.sendBatch("fcmv1", { title: "t" }, handles(300), {
      batchSize: 100,
      concurrency: 1,
    });
    expect(result.failed).toBe(100);
    expect(result.failedChunks.map((c) => [c.start, c.handles.length])).toEqual([[0, 100]]);
    await client.close();
  });

  it("resumes from a checkpoint: each accepted chunk is sent exactly once", async () => {
    const { client, counts, newClient } = await countingEmulator();
    let checkpoint = 0;
    let settled = 0;
    const first = await client.sendBatch("fcmv1", { title: "t" }, handles(5000), {
      batchSize: 100,
      concurrency: 2,
      onChunk: (c) => {
        checkpoint = c.settledThrough;
        if (++settled === 10) void client.close({ deadlineMs: 5000 });
      },
    });
    expect(first.aborted).toBe(true);
    expect(first.stoppedAt).toBe(checkpoint);
    const again = newClient();
    const second = await again.sendBatch("fcmv1", { title: "t" }, handles(5000), {
      batchSize: 100,
      startAt: checkpoint,
    });
    expect(second.aborted).toBe(false);
    expect(first.succeeded + second.succeeded).toBe(5000);
    expect(counts.size).toBe(5000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await again.close();
  });

  it("keeps memory flat: 2,000,000 handles from a file under a 64 MiB heap", () => {
    const dir = tempDir();
    const file = join(dir, "handles.txt");
    const lines: string[] = [];
    for (let i = 0; i < 2_000_000; i++)
      lines.push(`device-handle-${i.toString().padStart(12, "0")}`);
    writeFileSync(file, lines.join("\n"));
    lines.length = 0;
    const script = join(dir, "run.cjs");
    const core = createRequire(import.meta.url).resolve("@nhub/core");
    writeFileSync(
      script,
      `const { createServer } = require("node:http");
const { createReadStream } = require("node:fs");
const { createInterface } = require("node:readline");
const { createClient } = require(${JSON.stringify(core)});
(async () => {
const server = createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => { res.writeHead(201, { Location: "http://x/n/messages/1" }); res.end(); });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const url = "http://127.0.0.1:" + server.address().port + "/";
const client = createClient({ connectionString: "Endpoint=" + url + ";SharedAccessKeyName=k;SharedAccessKey=a2V5", hubName: "h",
  adapters: [{ specificationVersion: "v1", format: "fcmv1", prepare: () => ({ body: "{}", contentType: "application/json" }) }] });
const lines = createInterface({ input: createReadStream(${JSON.stringify(file)}), crlfDelay: Infinity });
const result = await client.sendBatch("fcmv1", {}, lines, { concurrency: 8 });
await client.close(); server.close();
console.log(JSON.stringify({ total: result.total, succeeded: result.succeeded, requests: result.requests }));
})();
`,
    );
    // 2,000,000 strings of ~26 chars alone need well over 64 MiB of heap.
    const run = spawnSync(process.execPath, ["--max-old-space-size=64", script], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      total: 2_000_000,
      succeeded: 2_000_000,
      requests: 2000,
    });
  }, 150_000);
});

describe("close()", () => {
  it("rejects a send after close with CLIENT_CLOSED", async () => {
    const { client } = await countingEmulator();
    await client.close();
    const error = await client.send("fcmv1", { title: "t" }).catch((e: unknown) => e);
    expect(ClientClosedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/closed/);
  });

  it("waits for the sends in flight", async () => {
    const { emulator, client } = await countingEmulator();
    emulator.injectFault({ delayMs: 200, times: 2 });
    const sends = [client.send("fcmv1", { title: "a" }), client.send("fcmv1", { title: "b" })];
    await new Promise((r) => setTimeout(r, 50));
    expect(await client.close({ deadlineMs: 10_000 })).toEqual({ finished: 2, aborted: 0 });
    await expect(Promise.all(sends)).resolves.toHaveLength(2);
  });

  it("aborts what is left at the deadline", async () => {
    const { emulator, client } = await countingEmulator();
    emulator.injectFault({ delayMs: 3000 });
    const send = client.send("fcmv1", { title: "a" }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    expect(await client.close({ deadlineMs: 10 })).toEqual({ finished: 0, aborted: 1 });
    expect((await send) as Error).toMatchObject({ code: "CLIENT_CLOSED" });
  });
});
