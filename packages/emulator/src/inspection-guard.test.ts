import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPLE, APPLE_BODY, KEYS, sasToken } from "./http.test-helper.js";
import { type SpawnedEmulator, spawnEmulator } from "./inspection.test-helper.js";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
}

/** A raw request to `base` whose Host and Origin headers are whatever the test forges. */
function raw(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? "GET", headers: options.headers, setHost: true },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            json: /json/.test(res.headers["content-type"] ?? "") ? JSON.parse(text) : text,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

function sendPush(base: string, headers: Record<string, string> = {}) {
  return raw(base, "demo/messages?api-version=2020-06", {
    method: "POST",
    headers: {
      ...APPLE,
      Authorization: sasToken({
        uri: base,
        key: KEYS.full,
        rule: "DefaultFullSharedAccessSignature",
      }),
      ...headers,
    },
    body: APPLE_BODY,
  });
}

async function deliveryCount(base: string): Promise<number> {
  const answer = await raw(base, "_nhub/api/deliveries");
  return (answer.json as { items: unknown[] }).items.length;
}

describe("the inspection API on loopback refuses cross-site requests and foreign Host names", () => {
  let emulator: SpawnedEmulator;
  let base: string;
  let port: string;
  beforeAll(async () => {
    emulator = await spawnEmulator({
      keys: KEYS,
      installations: [{ installationId: "a", platform: "apns", pushChannel: "token-a" }],
    });
    base = emulator.url;
    port = new URL(base).port;
  });
  afterAll(() => emulator.stop());

  it("refuses POST and DELETE from another origin with 403 and changes nothing", async () => {
    expect((await sendPush(base)).status).toBe(201);
    for (const origin of ["http://evil.example", `http://127.0.0.1:${Number(port) + 1}`, "null"]) {
      const reset = await raw(base, "_nhub/api/reset", { method: "POST", headers: { origin } });
      expect(reset.status).toBe(403);
      expect(reset.json).toMatchObject({ error: { code: "CrossOriginRequest" } });
      const clear = await raw(base, "_nhub/api/deliveries", {
        method: "DELETE",
        headers: { origin },
      });
      expect(clear.status).toBe(403);
      const fault = await raw(base, "_nhub/api/faults", {
        method: "POST",
        headers: { origin, "content-type": "text/plain" },
        body: JSON.stringify({ status: 503 }),
      });
      expect(fault.status).toBe(403);
    }
    expect(await deliveryCount(base)).toBe(1);
    // No fault was queued: the next send goes through.
    expect((await sendPush(base)).status).toBe(201);
    expect(await deliveryCount(base)).toBe(2);
  });

  it("accepts state changes from its own origin (the inbox page) and without an Origin", async () => {
    const own = await raw(base, "_nhub/api/deliveries", {
      method: "DELETE",
      headers: { origin: `http://127.0.0.1:${port}` },
    });
    expect(own.status).toBe(204);
    const asLocalhost = await raw(base, "_nhub/api/faults", {
      method: "POST",
      headers: { host: `localhost:${port}`, origin: `http://localhost:${port}` },
      body: JSON.stringify({ status: 503 }),
    });
    expect(asLocalhost.json).toEqual({ queued: 1 });
    expect((await sendPush(base)).status).toBe(503);
    expect((await raw(base, "_nhub/api/reset", { method: "POST" })).status).toBe(204);
    // Reads from another origin are answered, but without CORS headers a browser hides them.
    const read = await raw(base, "_nhub/api/deliveries", {
      headers: { origin: "http://evil.example" },
    });
    expect(read.status).toBe(200);
    expect(read.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("answers /_nhub/ only for a loopback Host (DNS rebinding)", async () => {
    for (const host of [`evil.example:${port}`, "evil.example", `192.168.1.5:${port}`]) {
      for (const path of ["_nhub/api/deliveries", "_nhub/api/devices", "_nhub/", "_nhub/health"]) {
        const answer = await raw(base, path, { headers: { host } });
        expect(answer.status, `${host} ${path}`).toBe(403);
        expect(answer.json).toMatchObject({ error: { code: "ForbiddenHost" } });
      }
    }
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      `app.localhost:${port}`,
      `127.0.0.2:${port}`,
    ]) {
      expect((await raw(base, "_nhub/api/devices", { headers: { host } })).status, host).toBe(200);
    }
  });

  it("leaves the data plane alone: a send with another Host (a local proxy) is accepted", async () => {
    const proxied = await sendPush(base, {
      host: "push.dev.example",
      Authorization: sasToken({
        uri: "http://push.dev.example/",
        key: KEYS.full,
        rule: "DefaultFullSharedAccessSignature",
      }),
    });
    expect(proxied.status).toBe(201);
    expect(proxied.headers.location).toMatch(/^http:\/\/push\.dev\.example\/demo\/messages\//);
  });
});

describe("the inspection API off loopback", () => {
  let emulator: SpawnedEmulator;
  beforeAll(async () => {
    emulator = await spawnEmulator({ keys: KEYS, host: "0.0.0.0" });
  });
  afterAll(() => emulator.stop());

  it("takes any Host (the token guards it) but still refuses another origin's POST", async () => {
    const base = emulator.url.replace("0.0.0.0", "127.0.0.1");
    const bearer = `Bearer ${emulator.inspectionToken}`;
    const named = await raw(base, "_nhub/api/info", {
      headers: { host: "emulator-host:8765", authorization: bearer },
    });
    expect(named.status).toBe(200);
    const crossSite = await raw(base, "_nhub/api/reset", {
      method: "POST",
      headers: { origin: "http://evil.example", authorization: bearer },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.json).toMatchObject({ error: { code: "CrossOriginRequest" } });
  });
});
