import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, KEYS, sasToken, sendApple, startTestEmulator } from "./http.test-helper.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator({
    hubs: ["demo", "other"],
    installations: [{ installationId: "i1", platform: "apns", pushChannel: "t1" }],
  });
});
afterAll(() => emulator.close());

const FULL = "DefaultFullSharedAccessSignature";
const ERROR_BODY =
  /^<Error><Code>(\d{3})<\/Code><Detail>(.*)\.TrackingId:([0-9a-f-]{36}),TimeStamp:\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M<\/Detail><\/Error>$/;

function withToken(uri: string, extra: { key?: string; rule?: string; expiresOn?: number } = {}) {
  return {
    header: sasToken({
      uri,
      key: extra.key ?? KEYS.full,
      rule: extra.rule ?? FULL,
      expiresOn: extra.expiresOn,
    }),
  };
}

async function sendWith(auth: Parameters<typeof call>[1]["auth"], hub = "demo") {
  return call(emulator, {
    path: `${hub}/messages?api-version=2020-06`,
    headers: { "ServiceBusNotification-Format": "apple", "Content-Type": "application/json" },
    body: "{}",
    auth,
  });
}

describe("SAS authorization", () => {
  it("accepts a token for the namespace root, the hub or the full path", async () => {
    expect((await sendWith(withToken(emulator.url))).status).toBe(201);
    expect((await sendWith(withToken(`${emulator.url}demo`))).status).toBe(201);
    expect((await sendWith(withToken(`${emulator.url}DEMO/messages`))).status).toBe(201);
  });

  it("answers 401 with the service's error body for a bad signature", async () => {
    const response = await sendWith(withToken(emulator.url, { key: "wrong-key" }));
    expect(response.status).toBe(401);
    expect(response.headers["content-type"]).toBe("application/xml; charset=utf-8");
    const match = ERROR_BODY.exec(response.text);
    expect(match?.[1]).toBe("401");
    expect(match?.[2]).toBe("InvalidSignature: The token has an invalid signature.");
    expect(match?.[3]).toBe(response.headers.trackingid);
    expect(response.headers["x-ms-correlation-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers 401 for an expired token", async () => {
    const response = await sendWith(
      withToken(emulator.url, { expiresOn: Math.floor(Date.now() / 1000) - 10 }),
    );
    expect(response.status).toBe(401);
    expect(ERROR_BODY.exec(response.text)?.[2]).toMatch(/^ExpiredToken: The token is expired/);
  });

  it("answers 401 for an unknown rule and for a missing header", async () => {
    expect((await sendWith(withToken(emulator.url, { rule: "SomeOtherRule" }))).status).toBe(401);
    const missing = await sendWith(false);
    expect(missing.status).toBe(401);
    expect(missing.text).toMatch(/MissingToken/);
  });

  it("answers 401 for a token signed for another hub", async () => {
    const response = await sendWith(withToken(`${emulator.url}other`));
    expect(response.status).toBe(401);
    expect(response.text).toMatch(/InvalidAudience/);
  });

  it("answers 403 to a Listen-only rule sending", async () => {
    const before = emulator.deliveries().length;
    const response = await sendWith("listen");
    expect(response.status).toBe(403);
    expect(ERROR_BODY.exec(response.text)?.[2]).toBe("Send claim is required for this operation.");
    expect(emulator.deliveries()).toHaveLength(before);
    expect((await sendWith("full")).status).toBe(201);
    expect(emulator.deliveries()).toHaveLength(before + 1);
  });

  it("answers 401 Manage claim to a Listen-only rule reading hub data", async () => {
    const response = await call(emulator, {
      method: "GET",
      path: "demo/feedbackcontainer?api-version=2020-06",
      auth: "listen",
    });
    expect(response.status).toBe(401);
    expect(ERROR_BODY.exec(response.text)?.[2]).toBe(
      "Manage claim is required for this operation.",
    );
  });

  it("never echoes the signature or key in an error", async () => {
    const auth = withToken(emulator.url, { key: "wrong-key" });
    const response = await sendWith(auth);
    const sig = /sig=([^&]+)/.exec(auth.header)?.[1] ?? "";
    expect(response.text).not.toContain(decodeURIComponent(sig));
    expect(response.text).not.toContain(sig);
    expect(response.text).not.toContain(KEYS.full);
  });
});

describe("hub and api-version", () => {
  it("answers 404 for an unknown hub", async () => {
    const response = await sendWith(withToken(emulator.url), "nohub");
    expect(response.status).toBe(404);
    expect(response.text).toContain("No service is hosted at the specified address.");
  });

  it("answers 404 for an unknown path and 405 for a wrong method", async () => {
    expect(
      (await call(emulator, { method: "GET", path: "demo/nothing?api-version=2020-06" })).status,
    ).toBe(404);
    expect(
      (await call(emulator, { method: "PUT", path: "demo/messages?api-version=2020-06" })).status,
    ).toBe(405);
  });

  it("accepts api-version 2013-10 to 2020-06 and refuses others or none", async () => {
    expect((await sendApple(emulator, { query: "" })).status).toBe(201);
    const oldest = await call(emulator, {
      path: "demo/messages?api-version=2013-10",
      headers: { "ServiceBusNotification-Format": "apple", "Content-Type": "application/json" },
      body: "{}",
    });
    expect(oldest.status).toBe(201);
    for (const query of [
      "",
      "?api-version=2021-01",
      "?api-version=2013-09",
      "?api-version=latest",
    ]) {
      const response = await call(emulator, {
        path: `demo/messages${query}`,
        headers: { "ServiceBusNotification-Format": "apple", "Content-Type": "application/json" },
        body: "{}",
      });
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/api-version/);
    }
  });

  it("puts TrackingId and x-ms-correlation-request-id on every answer", async () => {
    const response = await sendApple(emulator);
    expect(response.headers.trackingid).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers["x-ms-correlation-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
