import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { call, sendApple, startTestEmulator } from "./http.test-helper.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

const path = (id: string) => `demo/installations/${id}?api-version=2020-06`;
const put = (id: string, body: unknown, auth?: "listen") =>
  call(emulator, {
    method: "PUT",
    path: path(id),
    body: JSON.stringify(body),
    ...(auth ? { auth } : {}),
  });
const patch = (id: string, ops: unknown) =>
  call(emulator, { method: "PATCH", path: path(id), body: JSON.stringify(ops) });
const get = (id: string) => call(emulator, { method: "GET", path: path(id) });

const DEVICE = {
  installationId: "d1",
  platform: "APNS",
  pushChannel: "tok1",
  tags: ["sports"],
  userId: "alice",
  templates: { "Template Name": { body: '{"aps":{"alert":"$(m)"}}', tags: ["t1"] } },
};

describe("installations", () => {
  it("PUT answers 200 with an empty body; GET answers the JSON the service writes", async () => {
    const response = await put("d1", DEVICE);
    expect(response.status).toBe(200);
    expect(response.text).toBe("");
    const read = await get("d1");
    expect(read.status).toBe(200);
    expect(read.headers["content-type"]).toBe("application/xml; charset=utf-8");
    expect(JSON.parse(read.text)).toEqual({
      installationId: "d1",
      pushChannel: "tok1",
      pushChannelExpired: false,
      platform: "apns",
      expirationTime: "9999-12-31T23:59:59.9999999Z",
      userId: "alice",
      tags: ["sports"],
      templates: {
        "Template Name": { body: '{"aps":{"alert":"$(m)"}}', tags: ["t1", "Template Name"] },
      },
    });
  });

  it("a Listen-only rule may write an installation, which the next matching send reaches", async () => {
    expect((await put("d1", DEVICE, "listen")).status).toBe(200);
    await sendApple(emulator, { headers: { "ServiceBusNotification-Tags": "sports" } });
    expect(emulator.deliveries()).toEqual([
      expect.objectContaining({ installationId: "d1", pushChannel: "tok1" }),
    ]);
  });

  it("GET answers 404 'Installation not found' and DELETE 204", async () => {
    await put("d1", DEVICE);
    const deleted = await call(emulator, { method: "DELETE", path: path("d1") });
    expect(deleted.status).toBe(204);
    const missing = await get("d1");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("<Detail>Installation not found..TrackingId:");
  });

  it("PUT answers 400 for a bad platform, tag or id mismatch", async () => {
    expect((await put("d1", { ...DEVICE, platform: "nokia" })).status).toBe(400);
    expect((await put("d1", { ...DEVICE, tags: ["no spaces allowed"] })).status).toBe(400);
    expect((await put("d2", DEVICE)).status).toBe(400);
    expect((await call(emulator, { method: "PUT", path: path("d1"), body: "{" })).status).toBe(400);
  });

  it("PATCH applies add, remove and replace on tags, userId, pushChannel and templates", async () => {
    await put("d1", DEVICE);
    const response = await patch("d1", [
      { op: "add", path: "/tags", value: "news,weather" },
      { op: "remove", path: "/tags/sports" },
      { op: "replace", path: "/userId", value: "bob" },
      { op: "replace", path: "/pushChannel", value: "tok2" },
      { op: "add", path: "/templates/second", value: JSON.stringify({ body: "{}" }) },
      { op: "add", path: "/templates/Template Name/tags", value: "t2" },
      { op: "add", path: "/pushVariables/city", value: "Paris" },
    ]);
    expect(response.status).toBe(200);
    expect(response.text).toBe("");
    const read = JSON.parse((await get("d1")).text);
    expect(read).toMatchObject({
      tags: ["news", "weather"],
      userId: "bob",
      pushChannel: "tok2",
      pushVariables: { city: "Paris" },
      templates: {
        second: { body: "{}", tags: ["second"] },
        "Template Name": { tags: ["t1", "Template Name", "t2"] },
      },
    });
    await patch("d1", [
      { op: "remove", path: "/userId" },
      { op: "remove", path: "/templates/second" },
      { op: "replace", path: "/tags", value: "only" },
    ]);
    const after = JSON.parse((await get("d1")).text);
    expect(after.userId).toBeUndefined();
    expect(after.tags).toEqual(["only"]);
    expect(Object.keys(after.templates)).toEqual(["Template Name"]);
  });

  it("PATCH answers 400 for a bad patch and applies none of it; 404 for an unknown installation", async () => {
    await put("d1", DEVICE);
    const bad = [
      "not json",
      [],
      [{ op: "move", path: "/tags", value: "x" }],
      [{ op: "add", path: "/colour", value: "x" }],
      [{ op: "add", path: "/tags", value: 3 }],
      [{ op: "remove", path: "/pushChannel" }],
      [{ op: "add", path: "/tags", value: "bad tag!" }],
      [{ op: "remove", path: "/templates/nope" }],
      [{ op: "add", path: "/templates/x", value: "{}" }],
      [
        { op: "add", path: "/tags", value: "fine" },
        { op: "add", path: "tags", value: "x" },
      ],
    ];
    for (const ops of bad) {
      const response = await call(emulator, {
        method: "PATCH",
        path: path("d1"),
        body: typeof ops === "string" ? ops : JSON.stringify(ops),
      });
      expect(response.status, JSON.stringify(ops)).toBe(400);
    }
    expect(JSON.parse((await get("d1")).text).tags).toEqual(["sports"]);
    expect((await patch("nobody", [{ op: "remove", path: "/userId" }])).status).toBe(404);
  });
});
