import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APPLE_BODY, appleDevice, call, sendApple, startTestEmulator } from "./http.test-helper.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator({
    installations: [
      appleDevice("a1"),
      { installationId: "w1", platform: "wns", pushChannel: "https://wns.example/w1" },
      { installationId: "m1", platform: "MPNS", pushChannel: "https://mpns.example/m1" },
    ],
  });
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

function post(headers: Record<string, string>, body: string | Buffer, query = "") {
  return call(emulator, { path: `demo/messages?api-version=2020-06${query}`, headers, body });
}

const TOAST =
  '<toast><visual><binding template="ToastText01"><text id="1">hi</text></binding></visual></toast>';

describe("POST /{hub}/messages", () => {
  it("answers 201 with a Location naming a new notification id", async () => {
    const response = await sendApple(emulator);
    expect(response.status).toBe(201);
    expect(response.text).toBe("");
    const match = new RegExp(
      `^${emulator.url}demo/messages/(NH-\\d{17}-[0-9a-f]{24})\\?api-version=2020-06$`,
    ).exec(response.headers.location ?? "");
    expect(match).not.toBeNull();
    const [delivery] = emulator.deliveries();
    expect(delivery).toEqual({
      notificationId: match?.[1],
      hub: "demo",
      installationId: "a1",
      platform: "apns",
      pushChannel: "token-a1",
      headers: { "content-type": "application/json;charset=utf-8", "apns-push-type": "alert" },
      body: APPLE_BODY,
    });
  });

  it("accepts the JavaScript SDK's trailing slash after messages", async () => {
    const response = await call(emulator, {
      path: "demo/messages/?api-version=2020-06",
      headers: {
        "ServiceBusNotification-Format": "apple",
        "Content-Type": "application/json",
        "x-ms-version": "2020-06",
      },
      body: APPLE_BODY,
    });
    expect(response.status).toBe(201);
    expect(emulator.deliveries().map((d) => d.installationId)).toEqual(["a1"]);
  });

  it("answers 400 without ServiceBusNotification-Format or with an unknown one", async () => {
    const missing = await post({ "Content-Type": "application/json" }, "{}");
    expect(missing.status).toBe(400);
    expect(missing.text).toContain("ServiceBusNotification-Format header is required");
    const unknown = await post(
      { "ServiceBusNotification-Format": "pigeon", "Content-Type": "application/json" },
      "{}",
    );
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain("'pigeon' is not supported");
    expect(emulator.deliveries()).toHaveLength(0);
  });

  it("answers 400 for a windows send without X-WNS-Type", async () => {
    const response = await post(
      { "ServiceBusNotification-Format": "windows", "Content-Type": "application/xml" },
      TOAST,
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain("X-WNS-Type header is required");
  });

  it("delivers a windows toast with its X-WNS headers", async () => {
    const response = await post(
      {
        "ServiceBusNotification-Format": "windows",
        "Content-Type": "application/xml",
        "X-WNS-Type": "wns/toast",
        "X-WNS-TTL": "60",
      },
      `<?xml version="1.0"?><!-- c -->\n${TOAST}`,
    );
    expect(response.status).toBe(201);
    expect(emulator.deliveries().map((d) => [d.installationId, d.headers])).toEqual([
      ["w1", { "content-type": "application/xml", "x-wns-type": "wns/toast", "x-wns-ttl": "60" }],
    ]);
  });

  it("checks the windows content type and that the root element matches X-WNS-Type", async () => {
    const windows = { "ServiceBusNotification-Format": "windows", "X-WNS-Type": "wns/toast" };
    expect((await post({ ...windows, "Content-Type": "application/json" }, TOAST)).status).toBe(
      400,
    );
    const mismatch = await post({ ...windows, "Content-Type": "application/xml" }, "<tile/>");
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain("root element is 'tile'");
    const raw = { "ServiceBusNotification-Format": "windows", "X-WNS-Type": "wns/raw" };
    expect((await post({ ...raw, "Content-Type": "application/xml" }, "data")).status).toBe(400);
    expect(
      (await post({ ...raw, "Content-Type": "application/octet-stream" }, "data")).status,
    ).toBe(201);
  });

  it("needs X-NotificationClass for windowsphone", async () => {
    const toast =
      '<wp:Notification xmlns:wp="WPNotification"><wp:Toast><wp:Text1>hi</wp:Text1></wp:Toast></wp:Notification>';
    const base = {
      "ServiceBusNotification-Format": "windowsphone",
      "Content-Type": "application/xml;charset=utf-8",
    };
    const missing = await post(base, toast);
    expect(missing.status).toBe(400);
    expect(missing.text).toContain("X-NotificationClass");
    const ok = await post(
      { ...base, "X-NotificationClass": "2", "X-WindowsPhone-Target": "toast" },
      toast,
    );
    expect(ok.status).toBe(201);
    expect(emulator.deliveries()[0]?.installationId).toBe("m1");
  });

  it("answers 413 for a body of 64 KB + 1 and accepts exactly 64 KB", async () => {
    const headers = {
      "ServiceBusNotification-Format": "apple",
      "Content-Type": "application/json",
    };
    const exact = `{"a":"${"x".repeat(65536 - 8)}"}`;
    expect(Buffer.byteLength(exact)).toBe(65536);
    expect((await post(headers, exact)).status).toBe(201);
    const over = await post(headers, `{"a":"${"x".repeat(65536 - 7)}"}`);
    expect(over.status).toBe(413);
    expect(over.text).toContain("65537 bytes");
  });

  it("answers 400 for a bad tag expression, with the service's detail", async () => {
    for (const tags of ["a &&", "(a || b", "bad tag", "", "a & b"]) {
      const response = await sendApple(emulator, {
        headers: { "ServiceBusNotification-Tags": tags },
      });
      expect(response.status).toBe(400);
      expect(response.text).toContain(
        `An invalid tag(s) '${tags.replace(/&/g, "&amp;")}' was supplied.`,
      );
    }
    const tooMany = Array.from({ length: 7 }, (_, i) => `t${i}`).join(" && ");
    expect(
      (await sendApple(emulator, { headers: { "ServiceBusNotification-Tags": tooMany } })).status,
    ).toBe(400);
    expect(emulator.deliveries()).toHaveLength(0);
  });

  it("answers 400 for JSON formats with another content type or a body that is not JSON", async () => {
    expect((await sendApple(emulator, { headers: { "Content-Type": "text/plain" } })).status).toBe(
      400,
    );
    const notJson = await sendApple(emulator, { body: "{nope" });
    expect(notJson.status).toBe(400);
    expect(notJson.text).toContain("not valid JSON");
    const none = await post({ "ServiceBusNotification-Format": "gcm" }, "{}");
    expect(none.status).toBe(400);
    expect(none.text).toContain("Content-Type header is required");
  });

  it("checks fcmv1 bodies are {message} without a token", async () => {
    const headers = {
      "ServiceBusNotification-Format": "fcmv1",
      "Content-Type": "application/json",
    };
    expect((await post(headers, '{"notification":{}}')).status).toBe(400);
    expect((await post(headers, '{"message":{"token":"x"}}')).status).toBe(400);
    expect((await post(headers, '{"message":{"notification":{"title":"t"}}}')).status).toBe(201);
  });

  it("accepts baidu as JSON or form-encoded", async () => {
    const form = await post(
      {
        "ServiceBusNotification-Format": "baidu",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      "msg=hi",
    );
    expect(form.status).toBe(201);
  });

  it("refuses a template body that is not a flat JSON object", async () => {
    const headers = {
      "ServiceBusNotification-Format": "template",
      "Content-Type": "application/json;charset=utf-8",
    };
    expect((await post(headers, '{"a":{"b":"c"}}')).status).toBe(400);
    expect((await post(headers, '["a"]')).status).toBe(400);
    expect((await post(headers, '{"a":"b","n":1}')).status).toBe(201);
  });
});
