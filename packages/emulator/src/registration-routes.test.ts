import {
  type AnyRegistration,
  parseRegistrationEntry,
  serializeRegistration,
} from "@nhub/management";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type CallOptions, call, startTestEmulator, waitFor } from "./http.test-helper.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

const V = "api-version=2020-06";
const TOKEN = "00fc13adff785122b4ad28809a3420982341241421348097878e577c991de8f0";
const apple = (extra: Partial<AnyRegistration> = {}): AnyRegistration =>
  ({ kind: "apple", deviceToken: TOKEN, tags: ["b", "a"], ...extra }) as AnyRegistration;

function req(emu: Emulator, method: string, path: string, extra: Partial<CallOptions> = {}) {
  return call(emu, { method, path: `${emu.hubName}/${path}?${V}`, ...extra });
}

async function create(registration = apple()) {
  const response = await req(emulator, "POST", "registrations", {
    body: serializeRegistration(registration),
  });
  expect(response.status).toBe(200);
  return parseRegistrationEntry(response.text);
}

describe("POST /registrationIDs", () => {
  it("answers 201, no body, and the new id as the last Location segment", async () => {
    const first = await req(emulator, "POST", "registrationIDs");
    const second = await req(emulator, "POST", "registrationids");
    expect(first.status).toBe(201);
    expect(first.text).toBe("");
    const pattern = new RegExp(`^${emulator.url}demo/registrationids/\\d+-\\d+-\\d$`);
    expect(first.headers.location).toMatch(pattern);
    expect(second.headers.location).toMatch(pattern);
    expect(first.headers.location).not.toBe(second.headers.location);
  });
});

describe("POST /registrations", () => {
  it("answers 200 with the stored entry: new id, ETag 1, token upper-cased, tags sorted", async () => {
    const response = await req(emulator, "POST", "registrations", {
      body: serializeRegistration(apple({ registrationId: "ignored" })),
    });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe(
      "application/atom+xml; type=entry; charset=utf-8",
    );
    expect(response.headers.etag).toBe('W/"1"');
    const stored = parseRegistrationEntry(response.text);
    expect(stored).toMatchObject({
      kind: "apple",
      deviceToken: TOKEN.toUpperCase(),
      tags: ["a", "b"],
      etag: "1",
      expirationTime: new Date("9999-12-31T23:59:59.999Z"),
    });
    expect(stored.registrationId).toMatch(/^\d+-\d+-\d$/);
    expect(response.headers["content-location"]).toContain(
      `/registrations/${stored.registrationId}`,
    );
    // Write answers carry ExpirationTime without Z, as the service's do.
    expect(response.text).toContain("<ExpirationTime>9999-12-31T23:59:59.999</ExpirationTime>");
  });

  it("answers 400 for a body that is not a registration, or has bad tags", async () => {
    const notXml = await req(emulator, "POST", "registrations", { body: "hello" });
    expect(notXml.status).toBe(400);
    const unknown = await req(emulator, "POST", "registrations", {
      body: serializeRegistration({
        kind: "unknown",
        elementName: "FooRegistrationDescription",
        fields: { Handle: "x" },
      }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain("FooRegistrationDescription");
    const badTag = await req(emulator, "POST", "registrations", {
      body: serializeRegistration(apple()).replace("<Tags>b,a</Tags>", "<Tags>bad tag!</Tags>"),
    });
    expect(badTag.status).toBe(400);
  });

  it("lets a Listen-only rule create and read, but not list (401 Manage claim)", async () => {
    const created = await req(emulator, "POST", "registrations", {
      body: serializeRegistration(apple()),
      auth: "listen",
    });
    expect(created.status).toBe(200);
    const id = parseRegistrationEntry(created.text).registrationId;
    expect((await req(emulator, "GET", `registrations/${id}`, { auth: "listen" })).status).toBe(
      200,
    );
    const list = await req(emulator, "GET", "registrations", { auth: "listen" });
    expect(list.status).toBe(401);
    expect(list.text).toContain("Manage claim is required for this operation.");
  });
});

describe("GET, PUT and DELETE /registrations/{id}", () => {
  it("reads the entry with ExpirationTime in Z form and its ETag header", async () => {
    const { registrationId } = await create();
    const response = await req(emulator, "GET", `registrations/${registrationId}`);
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('W/"1"');
    expect(response.text).toContain("<ExpirationTime>9999-12-31T23:59:59.999Z</ExpirationTime>");
    expect(parseRegistrationEntry(response.text).registrationId).toBe(registrationId);
  });

  it("answers 404 with an empty message for an unknown id", async () => {
    const response = await req(emulator, "GET", "registrations/nope");
    expect(response.status).toBe(404);
    expect(response.text).toMatch(/<Detail>\.TrackingId:/);
  });

  it("creates with a client-chosen id, then each write raises the ETag", async () => {
    const put = (headers: Record<string, string> = {}, tags = ["x"]) =>
      req(emulator, "PUT", "registrations/123-234-1", {
        headers,
        body: serializeRegistration(apple({ registrationId: "123-234-1", tags })),
      });
    const first = await put();
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe('W/"1"');
    const second = await put({}, ["y"]);
    expect(second.headers.etag).toBe('W/"2"');
    expect(parseRegistrationEntry(second.text)).toMatchObject({ etag: "2", tags: ["y"] });
    for (const [ifMatch, etag] of [
      ['"2"', "3"],
      ["3", "4"],
      ['W/"4"', "5"],
      ["*", "6"],
      ['"1", "6"', "7"],
    ]) {
      const response = await put({ "If-Match": ifMatch as string });
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe(`W/"${etag}"`);
    }
  });

  it("answers 412 when If-Match names an old ETag, and changes nothing", async () => {
    const { registrationId } = await create();
    const body = serializeRegistration(apple({ registrationId, tags: ["changed"] }));
    const stale = await req(emulator, "PUT", `registrations/${registrationId}`, {
      headers: { "If-Match": '"7"' },
      body,
    });
    expect(stale.status).toBe(412);
    const read = await req(emulator, "GET", `registrations/${registrationId}`);
    expect(parseRegistrationEntry(read.text)).toMatchObject({ etag: "1", tags: ["a", "b"] });
  });

  it("answers 404 to an update (If-Match) of an unknown id, and 400 when the body id differs", async () => {
    const update = await req(emulator, "PUT", "registrations/missing-1", {
      headers: { "If-Match": "*" },
      body: serializeRegistration(apple()),
    });
    expect(update.status).toBe(404);
    const mismatch = await req(emulator, "PUT", "registrations/a-1", {
      body: serializeRegistration(apple({ registrationId: "b-1" })),
    });
    expect(mismatch.status).toBe(400);
  });

  it("deletes with If-Match * or the ETag (200, empty), 412 on a mismatch, 404 when unknown", async () => {
    const one = await create();
    const two = await create();
    const wrong = await req(emulator, "DELETE", `registrations/${one.registrationId}`, {
      headers: { "If-Match": '"5"' },
    });
    expect(wrong.status).toBe(412);
    const byEtag = await req(emulator, "DELETE", `registrations/${one.registrationId}`, {
      headers: { "If-Match": '"1"' },
    });
    expect(byEtag.status).toBe(200);
    expect(byEtag.text).toBe("");
    const byStar = await req(emulator, "DELETE", `registrations/${two.registrationId}`, {
      headers: { "If-Match": "*" },
    });
    expect(byStar.status).toBe(200);
    expect((await req(emulator, "GET", `registrations/${one.registrationId}`)).status).toBe(404);
    const again = await req(emulator, "DELETE", `registrations/${two.registrationId}`, {
      headers: { "If-Match": "*" },
    });
    expect(again.status).toBe(404);
  });
});

describe("reset()", () => {
  it("forgets registrations", async () => {
    const { registrationId } = await create();
    emulator.reset();
    expect((await req(emulator, "GET", `registrations/${registrationId}`)).status).toBe(404);
    expect((await req(emulator, "GET", "registrations")).text).not.toContain("<entry");
  });
});

describe("expired registrations (registrationTtlMs)", () => {
  it("rejects a negative registrationTtlMs or jobStepMs", async () => {
    await expect(startTestEmulator({ registrationTtlMs: -1 })).rejects.toThrow(/registrationTtlMs/);
    await expect(startTestEmulator({ jobStepMs: Number.NaN })).rejects.toThrow(/jobStepMs/);
  });

  it("answer 410 once expired, are no longer listed, and a plain PUT creates them anew", async () => {
    const short = await startTestEmulator({ registrationTtlMs: 30 });
    try {
      const response = await req(short, "POST", "registrations", {
        body: serializeRegistration(apple()),
      });
      const stored = parseRegistrationEntry(response.text);
      expect(stored.expirationTime?.getTime()).toBeLessThan(Date.now() + 1000);
      const id = stored.registrationId ?? "";
      const expiry = stored.expirationTime?.getTime() ?? 0;
      await waitFor(() => Date.now() > expiry + 5);
      expect((await req(short, "GET", `registrations/${id}`)).status).toBe(410);
      const del = await req(short, "DELETE", `registrations/${id}`, {
        headers: { "If-Match": "*" },
      });
      expect(del.status).toBe(410);
      const list = await req(short, "GET", "registrations");
      expect(list.text).not.toContain(id);
      const recreated = await req(short, "PUT", `registrations/${id}`, {
        body: serializeRegistration(apple()),
      });
      expect(recreated.status).toBe(200);
      expect(recreated.headers.etag).toBe('W/"1"');
    } finally {
      await short.close();
    }
  });
});
