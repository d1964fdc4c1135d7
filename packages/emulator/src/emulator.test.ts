import { parseConnectionString } from "@nhub/core";
import { describe, expect, it } from "vitest";
import { FULL_RULE, LISTEN_RULE, startEmulator } from "./emulator.js";
import { appleDevice, call, KEYS, sendApple, startTestEmulator } from "./http.test-helper.js";
import type { Delivery, RequestInfo } from "./types.js";

describe("startEmulator", () => {
  it("listens on 127.0.0.1 with a demo hub and two connection strings", async () => {
    const emulator = await startEmulator();
    try {
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(emulator.hubName).toBe("demo");
      const full = parseConnectionString(emulator.connectionString);
      const listen = parseConnectionString(emulator.listenConnectionString);
      expect(full.endpoint).toBe(emulator.url);
      expect(full.keyName).toBe(FULL_RULE);
      expect(listen.keyName).toBe(LISTEN_RULE);
      expect(Buffer.from(full.key, "base64")).toHaveLength(32);
      expect(full.key).not.toBe(listen.key);
    } finally {
      await emulator.close();
    }
  });

  it("uses fixed keys when given, random keys otherwise", async () => {
    const fixed = await startEmulator({ keys: KEYS });
    const random = await startEmulator();
    try {
      expect(fixed.connectionString).toBe(
        `Endpoint=${fixed.url};SharedAccessKeyName=${FULL_RULE};SharedAccessKey=${KEYS.full}`,
      );
      expect(fixed.listenConnectionString).toContain(`SharedAccessKey=${KEYS.listen}`);
      expect(random.connectionString).not.toContain(KEYS.full);
    } finally {
      await Promise.all([fixed.close(), random.close()]);
    }
  });

  it("seeds each hub with its devices and reset goes back to the seed", async () => {
    const emulator = await startTestEmulator({
      hubs: ["one", "two"],
      installations: [appleDevice("in-one"), { ...appleDevice("in-two"), hub: "two" }],
    });
    try {
      expect(emulator.hubName).toBe("one");
      expect(emulator.hubs).toEqual(["one", "two"]);
      const two = await call(emulator, {
        path: "two/messages?api-version=2020-06",
        headers: { "ServiceBusNotification-Format": "apple", "Content-Type": "application/json" },
        body: "{}",
      });
      expect(two.status).toBe(201);
      expect(emulator.deliveries().map((d) => [d.hub, d.installationId])).toEqual([
        ["two", "in-two"],
      ]);
      emulator.addInstallation(appleDevice("extra"), "two");
      emulator.reset();
      expect(emulator.deliveries()).toEqual([]);
      await call(emulator, {
        path: "two/messages?api-version=2020-06",
        headers: { "ServiceBusNotification-Format": "apple", "Content-Type": "application/json" },
        body: "{}",
      });
      expect(emulator.deliveries().map((d) => d.installationId)).toEqual(["in-two"]);
    } finally {
      await emulator.close();
    }
  });

  it("refuses bad options and installations with typed errors", async () => {
    await expect(startEmulator({ hubs: [] })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    await expect(startEmulator({ hubs: ["a", "A"] })).rejects.toThrow(/unique/);
    await expect(
      startEmulator({ installations: [{ ...appleDevice("x"), hub: "nope" }] }),
    ).rejects.toThrow(/names hub 'nope'/);
    await expect(
      startEmulator({
        installations: [{ installationId: "x", platform: "fax", pushChannel: "c" }],
      }),
    ).rejects.toThrow(/platform must be one of/);
    const emulator = await startEmulator();
    try {
      expect(() => emulator.addInstallation(appleDevice("x"), "nope")).toThrow(
        /unknown hub 'nope'/,
      );
      expect(() =>
        emulator.addInstallation({ installationId: "", platform: "apns", pushChannel: "c" }),
      ).toThrow(/installationId/);
      expect(() =>
        emulator.addInstallation({ installationId: "x", platform: "apns", pushChannel: "" }),
      ).toThrow(/pushChannel/);
      expect(() =>
        emulator.addInstallation({
          ...appleDevice("x"),
          templates: { t: {} as unknown as { body: string } },
        }),
      ).toThrow(/template 't' needs a string body/);
    } finally {
      await emulator.close();
    }
  });

  it("calls onRequest once per request and onDelivery once per delivery", async () => {
    const requests: RequestInfo[] = [];
    const deliveries: Delivery[] = [];
    const emulator = await startTestEmulator({
      installations: [appleDevice("a1"), appleDevice("a2")],
      onRequest: (info) => requests.push(info),
      onDelivery: (delivery) => deliveries.push(delivery),
    });
    try {
      const response = await sendApple(emulator);
      await sendApple(emulator, { headers: { "ServiceBusNotification-Format": "" } });
      const id = /messages\/([^?]+)/.exec(response.headers.location ?? "")?.[1];
      expect(requests).toEqual([
        { method: "POST", path: "/demo/messages", status: 201, hub: "demo", notificationId: id },
        { method: "POST", path: "/demo/messages", status: 400 },
      ]);
      expect(deliveries).toEqual(emulator.deliveries());
      expect(deliveries).toHaveLength(2);
    } finally {
      await emulator.close();
    }
  });

  it("returns copies from deliveries()", async () => {
    const emulator = await startTestEmulator({ installations: [appleDevice("a1")] });
    try {
      await sendApple(emulator);
      const [first] = emulator.deliveries();
      if (first) first.headers["x-changed"] = "1";
      expect(emulator.deliveries()[0]?.headers["x-changed"]).toBeUndefined();
    } finally {
      await emulator.close();
    }
  });

  it("closes idempotently and stops answering", async () => {
    const emulator = await startEmulator();
    await emulator.close();
    await emulator.close();
    await expect(sendApple(emulator)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("fails to start on a port in use", async () => {
    const first = await startEmulator();
    try {
      const port = Number(new URL(first.url).port);
      await expect(startEmulator({ port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
