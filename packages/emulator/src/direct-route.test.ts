import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APPLE, APPLE_BODY, appleDevice, call, startTestEmulator } from "./http.test-helper.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator({
    installations: [
      appleDevice("a1", ["x"]),
      {
        installationId: "b1",
        platform: "browser",
        pushChannel: JSON.stringify({
          endpoint: "https://push.example/b1",
          p256dh: "key",
          auth: "secret",
        }),
      },
    ],
  });
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

const BOUNDARY = "nh-batch-multipart-boundary";

function multipart(
  notification: string,
  devices: string,
  type = "application/json; charset=utf-8",
): string {
  return [
    `--${BOUNDARY}`,
    `Content-Type: ${type}`,
    "Content-Disposition: inline; name=notification",
    "",
    notification,
    `--${BOUNDARY}`,
    "Content-Type: application/json; charset=utf-8",
    "Content-Disposition: inline; name=devices",
    "",
    devices,
    `--${BOUNDARY}--`,
    "",
  ].join("\r\n");
}

function batch(body: string, query = "&direct", headers: Record<string, string> = {}) {
  return call(emulator, {
    path: `demo/messages/$batch?api-version=2020-06${query}`,
    headers: {
      "ServiceBusNotification-Format": "apple",
      "apns-push-type": "alert",
      "Content-Type": `multipart/mixed; boundary="${BOUNDARY}"`,
      ...headers,
    },
    body,
  });
}

describe("direct send", () => {
  it("reaches exactly the handle, naming a matching installation", async () => {
    for (const query of ["&direct", "&direct=true"]) {
      emulator.reset();
      const response = await call(emulator, {
        path: `demo/messages?api-version=2020-06${query}`,
        headers: { ...APPLE, "ServiceBusNotification-DeviceHandle": "token-a1" },
        body: APPLE_BODY,
      });
      expect(response.status).toBe(201);
      const id = /messages\/([^?]+)\?/.exec(response.headers.location ?? "")?.[1];
      expect(emulator.deliveries()).toEqual([
        {
          notificationId: id,
          hub: "demo",
          installationId: "a1",
          platform: "apns",
          pushChannel: "token-a1",
          headers: { "content-type": "application/json;charset=utf-8", "apns-push-type": "alert" },
          body: APPLE_BODY,
        },
      ]);
    }
  });

  it("reaches an unknown handle with no installation id and ignores tags", async () => {
    const response = await call(emulator, {
      path: "demo/messages?api-version=2020-06&direct",
      headers: {
        ...APPLE,
        "ServiceBusNotification-DeviceHandle": "unknown",
        "ServiceBusNotification-Tags": "x",
      },
      body: APPLE_BODY,
    });
    expect(response.status).toBe(201);
    expect(emulator.deliveries().map((d) => [d.installationId, d.pushChannel])).toEqual([
      [undefined, "unknown"],
    ]);
  });

  it("answers 400 without a device handle and for the template format", async () => {
    const missing = await call(emulator, {
      path: "demo/messages?api-version=2020-06&direct",
      headers: APPLE,
      body: "{}",
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain("ServiceBusNotification-DeviceHandle");
    const template = await call(emulator, {
      path: "demo/messages?api-version=2020-06&direct",
      headers: {
        "ServiceBusNotification-Format": "template",
        "Content-Type": "application/json",
        "ServiceBusNotification-DeviceHandle": "token-a1",
      },
      body: "{}",
    });
    expect(template.status).toBe(400);
    expect(emulator.deliveries()).toHaveLength(0);
  });

  it("needs P256DH and Auth for a browser handle", async () => {
    const headers = {
      "ServiceBusNotification-Format": "browser",
      "Content-Type": "application/json",
      "ServiceBusNotification-DeviceHandle": "https://push.example/b1",
    };
    const path = "demo/messages?api-version=2020-06&direct";
    const noAuth = await call(emulator, {
      path,
      headers: { ...headers, P256DH: "key" },
      body: "{}",
    });
    expect(noAuth.status).toBe(400);
    expect(noAuth.text).toContain("Auth header");
    const noKey = await call(emulator, {
      path,
      headers: { ...headers, Auth: "secret" },
      body: "{}",
    });
    expect(noKey.text).toContain("P256DH header");
    const ok = await call(emulator, {
      path,
      headers: { ...headers, P256DH: "key", Auth: "secret" },
      body: '{"t":1}',
    });
    expect(ok.status).toBe(201);
    expect(emulator.deliveries().map((d) => [d.installationId, d.platform, d.pushChannel])).toEqual(
      [["b1", "browser", "https://push.example/b1"]],
    );
  });
});

describe("batch direct send", () => {
  it("reaches exactly the handles listed", async () => {
    const response = await batch(multipart(APPLE_BODY, '["token-a1","h2","h3"]'));
    expect(response.status).toBe(201);
    expect(response.headers.location).toMatch(
      new RegExp(`^${emulator.url}demo/messages/NH-[^/?]+\\?api-version=2020-06$`),
    );
    expect(emulator.deliveries().map((d) => [d.installationId, d.pushChannel, d.body])).toEqual([
      ["a1", "token-a1", APPLE_BODY],
      [undefined, "h2", APPLE_BODY],
      [undefined, "h3", APPLE_BODY],
    ]);
    expect(emulator.deliveries()[1]?.headers).toEqual({
      "content-type": "application/json; charset=utf-8",
      "apns-push-type": "alert",
    });
  });

  it("accepts a Content-Type with spaces around '=' and an upper-case parameter name", async () => {
    for (const type of [
      `multipart/mixed; boundary = "${BOUNDARY}"`,
      `multipart/mixed ; BOUNDARY=${BOUNDARY}`,
    ]) {
      const response = await batch(multipart(APPLE_BODY, '["h1"]'), "&direct", {
        "Content-Type": type,
      });
      expect(response.status, type).toBe(201);
    }
  });

  it("accepts 1000 handles and refuses 1001 with a 400", async () => {
    const handles = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => `h${i}`));
    expect((await batch(multipart(APPLE_BODY, handles(1000)))).status).toBe(201);
    expect(emulator.deliveries()).toHaveLength(1000);
    emulator.reset();
    const over = await batch(multipart(APPLE_BODY, handles(1001)));
    expect(over.status).toBe(400);
    expect(over.text).toContain("at most 1000 device handles; this one has 1001");
    expect(emulator.deliveries()).toHaveLength(0);
  });

  it("applies the 64 KB limit to the notification part only", async () => {
    const longHandles = JSON.stringify(
      Array.from({ length: 1000 }, (_, i) => `${"h".repeat(100)}${i}`),
    );
    expect((await batch(multipart(APPLE_BODY, longHandles))).status).toBe(201);
    const big = `{"a":"${"x".repeat(65536)}"}`;
    expect((await batch(multipart(big, '["h"]'))).status).toBe(413);
  });

  it("answers 400 for a malformed multipart body", async () => {
    const good = multipart(APPLE_BODY, '["h1"]');
    const cases: [string, Record<string, string>][] = [
      [good.replace(/\r\n/g, "\n"), {}],
      [good.replace(`--${BOUNDARY}--`, ""), {}],
      [good, { "Content-Type": "multipart/mixed" }],
      [good, { "Content-Type": "application/json" }],
      [good.replace("name=devices", "name=other"), {}],
      [multipart(APPLE_BODY, "not json"), {}],
      [multipart(APPLE_BODY, "[]"), {}],
      [multipart(APPLE_BODY, '["ok", 5]'), {}],
    ];
    for (const [body, headers] of cases) {
      const response = await batch(body, "&direct", headers);
      expect(response.status).toBe(400);
    }
    expect(emulator.deliveries()).toHaveLength(0);
  });

  it("checks the notification part's content type and needs the direct flag", async () => {
    expect((await batch(multipart(APPLE_BODY, '["h"]', "text/plain"))).status).toBe(400);
    const noDirect = await batch(multipart(APPLE_BODY, '["h"]'), "");
    expect(noDirect.status).toBe(400);
    expect(noDirect.text).toContain("direct");
  });
});
