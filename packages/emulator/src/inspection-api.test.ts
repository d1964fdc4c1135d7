import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPLE, APPLE_BODY, call, KEYS, sasToken } from "./http.test-helper.js";
import { inspect, type SpawnedEmulator, spawnEmulator } from "./inspection.test-helper.js";
import type { DeliveryRecord, RequestRecord } from "./inspection-types.js";

interface Page<T> {
  items: T[];
  next: string | null;
  pruned: number;
}

const DEVICES = [
  { installationId: "a", platform: "apns", pushChannel: "token-a", tags: ["news", "sport"] },
  { installationId: "b", platform: "apns", pushChannel: "token-b", tags: ["news"] },
  { installationId: "c", platform: "fcmv1", pushChannel: "fcm-c", tags: ["news"] },
];

function send(emulator: SpawnedEmulator, tags?: string, query = "") {
  const headers: Record<string, string> = { ...APPLE };
  if (tags !== undefined) headers["ServiceBusNotification-Tags"] = tags;
  return call(emulator.asEmulator, {
    path: `demo/messages?api-version=2020-06${query}`,
    headers,
    body: APPLE_BODY,
  });
}

async function list(emulator: SpawnedEmulator, query = ""): Promise<Page<DeliveryRecord>> {
  const answer = await inspect(emulator.url, `_nhub/api/deliveries${query}`);
  expect(answer.status).toBe(200);
  return answer.json as Page<DeliveryRecord>;
}

describe("inspection API over HTTP (emulator in another process, on loopback)", () => {
  let emulator: SpawnedEmulator;
  beforeAll(async () => {
    emulator = await spawnEmulator({ keys: KEYS, installations: DEVICES });
  });
  afterAll(() => emulator.stop());

  it("answers health and info as JSON, never cached", async () => {
    const health = await inspect(emulator.url, "_nhub/health");
    expect(health.json).toEqual({ status: "ok" });
    const info = await inspect(emulator.url, "_nhub/api/info");
    expect(info.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(info.headers.get("cache-control")).toBe("no-store");
    expect(info.json).toMatchObject({ hubs: ["demo"], maxDeliveries: 10_000, tls: false });
  });

  it("lists newest first, pages with the cursor, filters, finds one by id, clears", async () => {
    await inspect(emulator.url, "_nhub/api/deliveries", { method: "DELETE" });
    expect((await send(emulator, "sport")).status).toBe(201); // a
    expect((await send(emulator, "news")).status).toBe(201); // a, b (apple only)
    const all = await list(emulator);
    expect(all.items.map((item) => item.installationId)).toHaveLength(3);
    const sequences = all.items.map((item) => item.sequence);
    expect([...sequences].sort((x, y) => y - x)).toEqual(sequences);
    const first = all.items[2] as DeliveryRecord;
    expect(first).toMatchObject({
      hub: "demo",
      installationId: "a",
      registrationId: null,
      platform: "apns",
      format: "apple",
      pushChannel: "token-a",
      tags: expect.arrayContaining(["news", "sport"]),
      body: APPLE_BODY,
      bodyBase64: Buffer.from(APPLE_BODY).toString("base64"),
      bodyIsUtf8: true,
      templateName: null,
      template: null,
      test: false,
    });
    expect(first.id).toBe(`d${first.sequence}`);
    expect(first.requestId).toMatch(/^r\d+$/);
    expect(Number.isNaN(Date.parse(first.receivedAt))).toBe(false);

    const page1 = await list(emulator, "?limit=2");
    expect(page1.items.map((item) => item.id)).toEqual(all.items.slice(0, 2).map((i) => i.id));
    expect(page1.next).not.toBeNull();
    const page2 = await list(emulator, `?limit=2&cursor=${page1.next}`);
    expect(page2.items.map((item) => item.id)).toEqual([first.id]);
    expect(page2.next).toBeNull();

    expect((await list(emulator, "?installationId=b")).items).toHaveLength(1);
    // the device's tags: both pushes to a carry "sport"
    const sport = await list(emulator, "?tag=SPORT");
    expect(sport.items.map((item) => item.installationId)).toEqual(["a", "a"]);
    expect((await list(emulator, "?platform=fcmv1")).items).toHaveLength(0);
    expect((await list(emulator, "?hub=other")).items).toHaveLength(0);
    const byNotification = await list(emulator, `?notificationId=${first.notificationId}`);
    expect(byNotification.items.map((item) => item.id)).toEqual([first.id]);
    expect((await list(emulator, "?since=2999-01-01T00:00:00Z")).items).toHaveLength(0);
    expect((await list(emulator, `?since=${first.receivedAt}`)).items).toHaveLength(3);
    const badSince = await inspect(emulator.url, "_nhub/api/deliveries?since=yesterday");
    expect(badSince.status).toBe(400);
    expect(badSince.json).toMatchObject({ error: { code: "InvalidFilter" } });

    const one = await inspect(emulator.url, `_nhub/api/deliveries/${first.id}`);
    expect(one.json).toEqual(first);
    const missing = await inspect(emulator.url, "_nhub/api/deliveries/d999999");
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: { code: "NotFound" } });

    const cleared = await inspect(emulator.url, "_nhub/api/deliveries", { method: "DELETE" });
    expect(cleared.status).toBe(204);
    expect(await list(emulator)).toEqual({ items: [], next: null, pruned: 0 });
    await send(emulator, "sport");
    const after = await list(emulator);
    expect(after.items[0]?.sequence).toBeGreaterThan(all.items[0]?.sequence ?? 0);
  });

  it("streams a delivery sent after subscribing, filtered, and tells of a clear", async () => {
    const abort = new AbortController();
    const response = await fetch(
      new URL("_nhub/api/deliveries/stream?installationId=b", emulator.url),
      { signal: abort.signal },
    );
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    const readUntil = async (marker: string) => {
      while (!text.includes(marker)) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`stream ended before ${marker}`);
        text += new TextDecoder().decode(chunk.value);
      }
    };
    await readUntil(": connected");
    await send(emulator, "sport"); // only a: filtered out
    await send(emulator, "news"); // a and b
    await readUntil("event: delivery");
    await readUntil("}\n\n");
    const event = text.slice(text.indexOf("id: "));
    const data = JSON.parse(/data: (.*)\n/.exec(event)?.[1] ?? "null") as DeliveryRecord;
    expect(data.installationId).toBe("b");
    expect(event.startsWith(`id: ${data.id}\nevent: delivery\n`)).toBe(true);
    expect(text.match(/event: delivery/g)).toHaveLength(1);
    await inspect(emulator.url, "_nhub/api/deliveries", { method: "DELETE" });
    await readUntil("event: cleared\ndata: {}\n\n");
    abort.abort();
  });

  it("queues faults for the data plane only, and rejects a bad one", async () => {
    const queued = await inspect(emulator.url, "_nhub/api/faults", {
      method: "POST",
      body: JSON.stringify([{ status: 503, retryAfter: 7 }]),
    });
    expect(queued.json).toEqual({ queued: 1 });
    expect((await inspect(emulator.url, "_nhub/api/info")).status).toBe(200);
    const faulted = await send(emulator, "news");
    expect(faulted.status).toBe(503);
    expect(faulted.headers["retry-after"]).toBe("7");
    expect((await send(emulator, "news")).status).toBe(201);
    const bad = await inspect(emulator.url, "_nhub/api/faults", {
      method: "POST",
      body: JSON.stringify({ status: 42 }),
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: "InvalidFault" } });
  });

  it("lists devices and logs requests with the sig redacted and the test-send outcome", async () => {
    const devices = await inspect(emulator.url, "_nhub/api/devices?hub=demo");
    expect((devices.json as { items: { id: string }[] }).items.map((d) => d.id)).toEqual([
      "a",
      "b",
      "c",
    ]);
    const test = await send(emulator, "sport", "&test");
    expect(test.status).toBe(201);
    const requests = (await inspect(emulator.url, "_nhub/api/requests?limit=1"))
      .json as Page<RequestRecord>;
    const logged = requests.items[0] as RequestRecord;
    expect(logged).toMatchObject({
      method: "POST",
      path: "/demo/messages",
      status: 201,
      hub: "demo",
      test: true,
      body: APPLE_BODY,
      bodyTruncated: false,
      outcome: { success: 1, failure: 0 },
    });
    expect(logged.deliveryIds).toHaveLength(1);
    expect(logged.headers.authorization).toMatch(/sig=<redacted>&/);
    expect(JSON.stringify(logged)).not.toContain(encodeURIComponent(KEYS.full));
    const delivery = await inspect(emulator.url, `_nhub/api/deliveries/${logged.deliveryIds[0]}`);
    expect(delivery.json).toMatchObject({ requestId: logged.id, test: true });
    const again = await inspect(emulator.url, `_nhub/api/requests/${logged.id}`);
    expect(again.json).toEqual(logged);
  });

  it("serves the inbox page files with the CSP, and 404 for anything else", async () => {
    const page = await fetch(new URL("_nhub/", emulator.url));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await page.text()).toContain("<html");
    expect((await inspect(emulator.url, "_nhub/no-such.js")).status).toBe(404);
    expect((await inspect(emulator.url, "_nhub/a/index.html")).status).toBe(404);
    expect((await inspect(emulator.url, "_nhub/%2e%2e%2fpackage.json")).status).toBe(404);
  });

  it("keeps the exact bytes of a raw send that is not UTF-8", async () => {
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x41, 0xc3, 0x28, 0x0a]);
    const sent = await call(emulator.asEmulator, {
      path: "demo/messages?api-version=2020-06&direct",
      headers: {
        "ServiceBusNotification-Format": "windows",
        "ServiceBusNotification-DeviceHandle": "https://wns.example/raw-1",
        "X-WNS-Type": "wns/raw",
        "Content-Type": "application/octet-stream",
      },
      body: bytes,
    });
    expect(sent.status).toBe(201);
    const [raw] = (await list(emulator, "?limit=1")).items;
    expect(raw).toMatchObject({
      platform: "wns",
      pushChannel: "https://wns.example/raw-1",
      bodyIsUtf8: false,
      bodyBase64: bytes.toString("base64"),
      body: bytes.toString("utf8"),
    });
    expect(Buffer.from(raw?.bodyBase64 ?? "", "base64").equals(bytes)).toBe(true);
    const text = await call(emulator.asEmulator, {
      path: "demo/messages?api-version=2020-06&direct",
      headers: {
        "ServiceBusNotification-Format": "windows",
        "ServiceBusNotification-DeviceHandle": "https://wns.example/raw-1",
        "X-WNS-Type": "wns/raw",
        "Content-Type": "application/octet-stream",
      },
      body: "caf\u00e9",
    });
    expect(text.status).toBe(201);
    const [utf8] = (await list(emulator, "?limit=1")).items;
    expect(utf8).toMatchObject({ bodyIsUtf8: true, body: "caf\u00e9" });
  });

  it("resets like emulator.reset()", async () => {
    await send(emulator, "news");
    expect((await inspect(emulator.url, "_nhub/api/reset", { method: "POST" })).status).toBe(204);
    expect((await list(emulator)).items).toEqual([]);
  });
});

describe("inspection API off loopback", () => {
  let emulator: SpawnedEmulator;
  let base: string;
  beforeAll(async () => {
    emulator = await spawnEmulator({ keys: KEYS, host: "0.0.0.0" });
    base = emulator.url.replace("0.0.0.0", "127.0.0.1");
  });
  afterAll(() => emulator.stop());

  it("answers 401 without a credential, 200 with the bearer, ?token= or a Manage SAS", async () => {
    expect((await inspect(base, "_nhub/health")).status).toBe(200);
    const refused = await inspect(base, "_nhub/api/deliveries");
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({ error: { code: "Unauthorized" } });
    expect(JSON.stringify(refused.json)).not.toContain(emulator.inspectionToken);
    const bearer = { authorization: `Bearer ${emulator.inspectionToken}` };
    expect((await inspect(base, "_nhub/api/deliveries", { headers: bearer })).status).toBe(200);
    const wrong = { authorization: "Bearer nope" };
    expect((await inspect(base, "_nhub/api/deliveries", { headers: wrong })).status).toBe(401);
    const query = `_nhub/api/info?token=${emulator.inspectionToken}`;
    expect((await inspect(base, query)).status).toBe(200);
    expect((await fetch(new URL("_nhub/", base))).status).toBe(401);
    // the page's scripts and styles hold no data: a browser loads them without the token
    const script = await fetch(new URL("_nhub/inbox.js", base));
    expect(script.status).toBe(200);
    expect(script.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect((await fetch(new URL("_nhub/inbox.css", base))).status).toBe(200);
    expect((await fetch(new URL("_nhub/no-such.js", base))).status).toBe(401);
    const page = await fetch(new URL(`_nhub/?token=${emulator.inspectionToken}`, base));
    expect(page.status).toBe(200);
    expect(emulator.inboxUrl).toBe(`${emulator.url}_nhub/?token=${emulator.inspectionToken}`);
    const manage = sasToken({
      uri: base,
      key: KEYS.full,
      rule: "DefaultFullSharedAccessSignature",
    });
    const listen = sasToken({
      uri: base,
      key: KEYS.listen,
      rule: "DefaultListenSharedAccessSignature",
    });
    const withSas = (header: string) =>
      inspect(base, "_nhub/api/devices", { headers: { authorization: header } });
    expect((await withSas(manage)).status).toBe(200);
    expect((await withSas(listen)).status).toBe(401);
  });
});

describe("bounded delivery log", () => {
  let emulator: SpawnedEmulator;
  beforeAll(async () => {
    emulator = await spawnEmulator({ keys: KEYS, installations: DEVICES, maxDeliveries: 3 });
  });
  afterAll(() => emulator.stop());

  it("keeps the newest maxDeliveries and counts the pruned ones until a clear", async () => {
    for (let i = 0; i < 3; i++) await send(emulator, "news"); // 2 deliveries each
    const page = await list(emulator);
    expect(page.items.map((item) => item.sequence)).toEqual([6, 5, 4]);
    expect(page.pruned).toBe(3);
    expect((await inspect(emulator.url, "_nhub/api/deliveries/d1")).status).toBe(404);
    const requests = (await inspect(emulator.url, "_nhub/api/requests"))
      .json as Page<RequestRecord>;
    expect(requests.items).toHaveLength(3);
    await inspect(emulator.url, "_nhub/api/deliveries", { method: "DELETE" });
    expect((await list(emulator)).pruned).toBe(0);
  });
});
