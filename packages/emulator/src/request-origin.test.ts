import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  APPLE,
  APPLE_BODY,
  appleDevice,
  KEYS,
  sasToken,
  startTestEmulator,
} from "./http.test-helper.js";
import { requestOrigin } from "./request-origin.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
let proxy: Server;
let proxyUrl: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request to `target` (emulator or proxy) with a chosen Host header, signed for `origin`. */
function send(
  target: string,
  origin: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const token = sasToken({ uri: origin, key: KEYS.full, rule: "DefaultFullSharedAccessSignature" });
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, target),
      { method: options.method ?? "POST", headers: { Authorization: token, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  // A tiny loopback reverse proxy that announces itself as https://public.example.test.
  proxy = createServer((incoming, outgoing) => {
    const forwarded = request(
      new URL(incoming.url ?? "/", emulator.url),
      {
        method: incoming.method,
        headers: {
          ...incoming.headers,
          "x-forwarded-proto": "https",
          "x-forwarded-host": "public.example.test",
        },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`;
});
beforeEach(async () => {
  emulator.reset();
  await emulator.addInstallation(appleDevice("d1", []));
});
afterAll(async () => {
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await emulator.close();
});

describe("URLs the emulator returns", () => {
  const HOST = "nh.example.test:9443";
  const ORIGIN = `http://${HOST}/`;
  const viaHost = (path: string, options: Parameters<typeof send>[3] = {}) =>
    send(emulator.url, ORIGIN, path, { ...options, headers: { Host: HOST, ...options.headers } });

  it("use the request's Host header, and SAS tokens signed for that host are accepted", async () => {
    const sent = await viaHost("demo/messages?api-version=2020-06", {
      headers: APPLE,
      body: APPLE_BODY,
    });
    expect(sent.status).toBe(201);
    expect(sent.headers.location).toMatch(/^http:\/\/nh\.example\.test:9443\/demo\/messages\/NH-/);
    const id = await viaHost("demo/registrationids?api-version=2020-06");
    expect(id.headers.location).toMatch(
      /^http:\/\/nh\.example\.test:9443\/demo\/registrationids\//,
    );
    const container = await viaHost("demo/feedbackcontainer?api-version=2020-06", {
      method: "GET",
    });
    expect(container.text).toMatch(/^http:\/\/nh\.example\.test:9443\/demo\/\$feedback\?sig=/);
    const scheduled = await viaHost("demo/schedulednotifications?api-version=2020-06", {
      headers: { ...APPLE, "ServiceBusNotification-ScheduleTime": "2099-01-01T00:00:00Z" },
      body: APPLE_BODY,
    });
    expect(scheduled.status).toBe(201);
    expect(scheduled.headers.location).toMatch(
      /^http:\/\/nh\.example\.test:9443\/demo\/schedulednotifications\//,
    );
  });

  it("keep the request's api-version in a test send's Location", async () => {
    const sent = await viaHost("demo/messages?api-version=2016-07&test", {
      headers: APPLE,
      body: APPLE_BODY,
    });
    expect(sent.status).toBe(201);
    expect(sent.headers.location).toMatch(
      /^http:\/\/nh\.example\.test:9443\/demo\/messages\/.+\?api-version=2016-07$/,
    );
  });

  it("follow X-Forwarded-Proto and X-Forwarded-Host from a loopback proxy", async () => {
    const origin = "https://public.example.test/";
    const sent = await send(proxyUrl, origin, "demo/messages?api-version=2020-06", {
      headers: APPLE,
      body: APPLE_BODY,
    });
    expect(sent.status).toBe(201);
    expect(sent.headers.location).toMatch(/^https:\/\/public\.example\.test\/demo\/messages\/NH-/);
  });
});

describe("requestOrigin", () => {
  const fallback = "http://127.0.0.1:5000/";
  const forwarded = {
    host: "inner:5000",
    "x-forwarded-proto": "https",
    "x-forwarded-host": "outer.example",
  };

  it("ignores X-Forwarded-* from a peer that is not loopback", () => {
    const source = { headers: forwarded, encrypted: false, remoteAddress: "10.1.2.3" };
    expect(requestOrigin(source, fallback)).toBe("http://inner:5000/");
    expect(requestOrigin({ ...source, remoteAddress: "::ffff:127.0.0.1" }, fallback)).toBe(
      "https://outer.example/",
    );
  });

  it("uses https over TLS and the listening host for a missing or malformed Host", () => {
    expect(requestOrigin({ headers: {}, encrypted: true, remoteAddress: "::1" }, fallback)).toBe(
      "https://127.0.0.1:5000/",
    );
    const bad = { headers: { host: "evil/path?x" }, encrypted: false, remoteAddress: "10.0.0.1" };
    expect(requestOrigin(bad, fallback)).toBe("http://127.0.0.1:5000/");
  });
});
