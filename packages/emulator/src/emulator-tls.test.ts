import { existsSync, readFileSync, statSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import {
  createClient,
  NetworkError,
  type NotificationAdapter,
  parseConnectionString,
} from "@nhub/core";
import { generate } from "selfsigned";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "./emulator.js";
import { appleDevice, KEYS, sasToken } from "./http.test-helper.js";
import { tempDirs } from "./temp-dirs.test-helper.js";
import type { Emulator } from "./types.js";

const tempDir = tempDirs("nhub-tls-data-");

const apple: NotificationAdapter<{ alert: string }, Record<string, unknown>> = {
  specificationVersion: "v1",
  format: "apple",
  prepare: (payload) => ({
    body: JSON.stringify({ aps: { alert: payload.alert } }),
    contentType: "application/json;charset=utf-8",
    headers: { "apns-push-type": "alert" },
  }),
};

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    tls: true,
    keys: KEYS,
    installations: [appleDevice("a1", ["sports"])],
  });
});
afterAll(() => emulator.close());

describe("startEmulator({ tls: true })", () => {
  it("serves https with an sb:// connection string and writes the CA to a file", () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    const port = new URL(emulator.url).port;
    expect(emulator.connectionString).toMatch(
      new RegExp(`^Endpoint=sb://127\\.0\\.0\\.1:${port}/;SharedAccessKeyName=`),
    );
    expect(parseConnectionString(emulator.connectionString).endpoint).toBe(emulator.url);
    expect(readFileSync(emulator.caFile as string, "utf8")).toBe(
      `${emulator.caCertificate?.trim()}\n`,
    );
  });

  it("a client trusting the CA through an undici Agent sends", async () => {
    emulator.reset();
    const dispatcher = new Agent({ connect: { ca: emulator.caCertificate } });
    const nh = createClient({
      connectionString: emulator.connectionString,
      hubName: emulator.hubName,
      adapters: [apple],
      retry: false,
      dispatcher,
    });
    try {
      const result = await nh.send("apple", { alert: "goal" }, { tags: ["sports"] });
      expect(emulator.deliveries()).toEqual([
        expect.objectContaining({ notificationId: result.notificationId, installationId: "a1" }),
      ]);
    } finally {
      await nh.close?.();
      await dispatcher.close();
    }
  });

  it("node:https with ca sends; without it the handshake is refused", async () => {
    emulator.reset();
    const uri = `${emulator.url}${emulator.hubName}/messages?api-version=2020-06`;
    const send = (ca: string | undefined) =>
      new Promise<number>((resolve, reject) => {
        const req = request(uri, {
          method: "POST",
          ...(ca === undefined ? {} : { ca }),
          headers: {
            Authorization: sasToken({
              uri: emulator.url,
              key: KEYS.full,
              rule: "DefaultFullSharedAccessSignature",
            }),
            "Content-Type": "application/json;charset=utf-8",
            "ServiceBusNotification-Format": "apple",
            "ServiceBusNotification-Tags": "sports",
          },
        });
        req.on("response", (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end('{"aps":{"alert":"x"}}');
      });
    expect(await send(emulator.caCertificate)).toBe(201);
    expect(emulator.deliveries()).toHaveLength(1);
    await expect(send(undefined)).rejects.toMatchObject({
      code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
    expect(emulator.deliveries()).toHaveLength(1);
  });

  it("an nhub client that does not trust the CA is refused, typed as not sent", async () => {
    emulator.reset();
    const nh = createClient({
      connectionString: emulator.connectionString,
      hubName: emulator.hubName,
      adapters: [apple],
      retry: false,
    });
    try {
      const error = await nh
        .send("apple", { alert: "x" }, { tags: ["sports"] })
        .catch((e: unknown) => e);
      expect(NetworkError.isInstance(error), String(error)).toBe(true);
      expect((error as NetworkError).requestSent).toBe(false);
      expect(emulator.deliveries()).toEqual([]);
    } finally {
      await nh.close?.();
    }
  });

  it("serves the caller's own certificate with tls: { cert, key }, and removes the CA file on close", async () => {
    const first = await startEmulator({ tls: true });
    const caFile = first.caFile as string;
    expect(existsSync(caFile)).toBe(true);
    await first.close();
    expect(existsSync(caFile)).toBe(false);
    const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
      keyType: "ec",
      algorithm: "sha256",
      extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
    });
    const own = await startEmulator({ tls: { cert: pems.cert, key: pems.private } });
    try {
      expect(own.caCertificate).toBe(pems.cert);
      const dispatcher = new Agent({ connect: { ca: pems.cert } });
      const res = await dispatcher.request({ origin: own.url, path: "/", method: "GET" });
      await res.body.dump();
      await dispatcher.close();
      expect(res.statusCode).toBeGreaterThanOrEqual(200);
    } finally {
      await own.close();
    }
    await expect(startEmulator({ tls: { cert: "nope", key: "nope" } })).rejects.toMatchObject({
      code: expect.any(String),
      message: expect.stringContaining("tls.cert must be a PEM certificate"),
    });
  });

  it("keeps http:// without tls", async () => {
    const plain = await startEmulator();
    try {
      expect(plain.url).toMatch(/^http:\/\//);
      expect(plain.connectionString).toMatch(/^Endpoint=http:\/\//);
      expect(plain.caFile).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it("keeps the generated CA and certificate in dataDir and reuses them on the next start", async () => {
    const dataDir = tempDir();
    const first = await startEmulator({ tls: true, dataDir });
    const ca = first.caCertificate;
    expect(first.caFile).toBe(join(dataDir, "tls", "ca.pem"));
    await first.close();
    expect(existsSync(join(dataDir, "tls", "ca.pem"))).toBe(true);
    expect(statSync(join(dataDir, "tls", "key.pem")).mode & 0o077).toBe(0);
    const second = await startEmulator({ tls: true, dataDir });
    try {
      expect(second.caCertificate).toBe(ca);
      // A client that trusted the first start's CA reaches the second start.
      const nh = createClient({
        connectionString: second.connectionString,
        hubName: second.hubName,
        adapters: [apple],
        dispatcher: new Agent({ connect: { ca } }),
      });
      const result = await nh.send("apple", { alert: "again" }, { tags: ["sports"] });
      expect(result.notificationId).toMatch(/\S/);
      await nh.close();
    } finally {
      await second.close();
    }
  });
});
