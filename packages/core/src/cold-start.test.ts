import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { Agent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NetworkError } from "./errors.js";
import { type RawServer, startRawServer, transportRequest } from "./test-server.test-helper.js";
import { createUndiciTransport } from "./undici-transport.js";

let server: RawServer;
beforeEach(async () => {
  server = await startRawServer();
});
afterEach(async () => {
  await server.close();
});

describe("the switch from node:http to undici", () => {
  it("sends the first request on a closed connection, later ones on kept-alive connections", async () => {
    const t = createUndiciTransport();
    for (let i = 0; i < 5; i++) await t.request(transportRequest(server.origin));
    await t.close?.();
    expect(server.seen.map((r) => r.headers.connection)).toEqual([
      "close",
      "keep-alive",
      "keep-alive",
      "keep-alive",
      "keep-alive",
    ]);
    const [first, ...later] = server.seen.map((r) => r.connection);
    expect(later).not.toContain(first);
    // undici may open a second connection before the first is idle again, but reuses them.
    expect(new Set(later).size).toBeLessThan(later.length);
  });

  it("lets requests that arrive while undici loads wait for it", async () => {
    const t = createUndiciTransport();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => t.request(transportRequest(server.origin))),
    );
    await t.close?.();
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const closing = server.seen.filter((r) => r.headers.connection === "close");
    expect(closing).toHaveLength(1);
  });

  it("keeps even the first request alive with coldStart: undici", async () => {
    const t = createUndiciTransport({ coldStart: "undici" });
    for (let i = 0; i < 4; i++) await t.request(transportRequest(server.origin));
    await t.close?.();
    const seen = server.seen;
    expect(seen.map((r) => r.headers.connection)).toEqual(Array(4).fill("keep-alive"));
    expect(new Set(seen.map((r) => r.connection)).size).toBeLessThan(seen.length);
  });

  it("gives the first request to the caller's dispatcher", async () => {
    const agent = new Agent();
    let dispatched = 0;
    const dispatcher = Object.create(agent, {
      dispatch: {
        value: (...args: Parameters<Agent["dispatch"]>) => {
          dispatched++;
          return agent.dispatch(...args);
        },
      },
    });
    const t = createUndiciTransport({ dispatcher });
    await t.request(transportRequest(server.origin));
    expect(dispatched).toBe(1);
    await t.request(transportRequest(server.origin));
    await t.close?.();
    expect(dispatched).toBe(2);
    // The transport does not close a dispatcher it was given.
    expect(agent.closed).toBe(false);
    await agent.close();
    expect(server.seen.map((r) => r.headers.connection)).toEqual(["keep-alive", "keep-alive"]);
  });

  it.each([
    ["the first request", 0],
    ["a later request", 1],
  ])("lets %s in flight finish when closed", async (_name, before) => {
    const t = createUndiciTransport();
    for (let i = 0; i < before; i++) await t.request(transportRequest(server.origin));
    server.handle((_req, res) => {
      setTimeout(() => res.end("late"), 100);
    });
    const pending = t.request(transportRequest(server.origin));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await t.close?.();
    await expect(pending).resolves.toMatchObject({ status: 200, body: "late" });
  });

  it("refuses requests after close without sending them", async () => {
    const t = createUndiciTransport();
    await t.request(transportRequest(server.origin));
    await t.close?.();
    const error = (await t
      .request(transportRequest(server.origin))
      .catch((e: unknown) => e)) as NetworkError;
    expect(NetworkError.isInstance(error), String(error)).toBe(true);
    expect(error.requestSent).toBe(false);
    expect(server.seen).toHaveLength(1);
  });
});

describe("a process that sends once", () => {
  const dist = fileURLToPath(new URL("../dist/index.node.js", import.meta.url));

  // The child imports the built package (turbo builds @nhub/core before its tests) and reports,
  // after each step, whether any module of the undici package is in the module cache.
  const script = `
    import { createRequire } from "node:module";
    import { dirname } from "node:path";
    const [distUrl, origin] = process.argv.slice(1);
    const require = createRequire(new URL(distUrl));
    const undiciDir = dirname(require.resolve("undici"));
    const loaded = () => Object.keys(require.cache).some((file) => file.startsWith(undiciDir));
    const { createClient } = await import(distUrl);
    const steps = [];
    const make = () => createClient({
      connectionString: "Endpoint=" + origin + "/;SharedAccessKeyName=k;SharedAccessKey=a2V5",
      hubName: "hub",
      adapters: [{ specificationVersion: "v1", format: "gcm", name: "json",
        prepare: (p) => ({ body: JSON.stringify(p), contentType: "application/json" }) }],
    });
    steps.push(["imported", loaded()]);
    const once = make();
    await once.send("gcm", { n: 1 });
    steps.push(["one send", loaded()]);
    await once.close();
    steps.push(["closed", loaded()]);
    const twice = make();
    await twice.send("gcm", { n: 2 });
    await twice.send("gcm", { n: 3 });
    steps.push(["two sends", loaded()]);
    await twice.close();
    console.log(JSON.stringify(steps));
  `;

  it("never loads undici, and loads it for a second send", async () => {
    expect(
      existsSync(dist),
      `${dist} is missing: build @nhub/core first (pnpm --filter @nhub/core build)`,
    ).toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, [
      "--input-type=module",
      "--eval",
      script,
      pathToFileURL(dist).href,
      server.origin,
    ]);
    expect(JSON.parse(stdout)).toEqual([
      ["imported", false],
      ["one send", false],
      ["closed", false],
      ["two sends", true],
    ]);
    expect(server.seen).toHaveLength(3);
  });
});
