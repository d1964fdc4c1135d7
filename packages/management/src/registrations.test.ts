import { createClient, InvalidArgumentError, ServiceError, TagExpressionError } from "@nhub/core";
import { type CaptureServer, startCaptureServer } from "@nhub/core/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RegistrationChannel } from "./registration-types.js";
import { serializeRegistration } from "./registration-xml.js";
import {
  createOrUpdateRegistration,
  createRegistration,
  createRegistrationId,
  deleteRegistration,
  getRegistration,
  listRegistrations,
  listRegistrationsByChannel,
  listRegistrationsByTag,
  updateRegistration,
} from "./registrations.js";

const TOKEN = "00fc13adff785122b4ad28809a3420982341241421348097878e577c991de8f0";
const entry = (id: string, etagAttr = "1", expiration = "9999-12-31T23:59:59.9999999") =>
  `<entry p1:etag="W/&quot;${etagAttr}&quot;" xmlns:p1="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns="http://www.w3.org/2005/Atom"><id>https://ns.notificationhub.windows.net/hub/registrations/${id}?api-version=2020-06</id><title type="text">${id}</title><content type="application/xml"><AppleRegistrationDescription xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect"><ETag>${etagAttr}</ETag><ExpirationTime>${expiration}</ExpirationTime><RegistrationId>${id}</RegistrationId><Tags>likes_football,likes_hockey</Tags><DeviceToken>${TOKEN.toUpperCase()}</DeviceToken></AppleRegistrationDescription></content></entry>`;
const feed = (ids: string[]) =>
  `<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Registrations</title>${ids.map((id) => entry(id).replace(/<entry [^>]*xmlns="http:\/\/www.w3.org\/2005\/Atom">/, '<entry p2:etag="W/&quot;1&quot;" xmlns:p2="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">')).join("")}</feed>`;

let server: CaptureServer;
let client: ReturnType<typeof createClient>;
beforeAll(async () => {
  server = await startCaptureServer();
  client = createClient({
    connectionString: server.connectionString(),
    hubName: "my hub",
    retry: false,
    timeoutMs: 5000,
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});
const query = (index: number) =>
  new URL(server.requests[index]?.url ?? "", "http://x").searchParams;

describe("registration operations on the wire", () => {
  it("createRegistrationId: POST registrationIDs, id from Location without its query", async () => {
    server.respond(() => ({
      status: 201,
      headers: {
        Location:
          "https://other.servicebus.windows.net/hub/registrationids/2818-9055-1?api-version=2017-04",
      },
    }));
    await expect(createRegistrationId(client)).resolves.toBe("2818-9055-1");
    expect(server.requests[0]?.method).toBe("POST");
    expect(server.requests[0]?.url).toBe("/my%20hub/registrationIDs?api-version=2020-06");
    expect(server.requests[0]?.headers.authorization).toMatch(/^SharedAccessSignature /);
  });

  it("createRegistration: POST an Atom entry without id or etag; reads the 200 answer; input untouched", async () => {
    server.respond(() => ({
      status: 200,
      headers: { "Content-Type": "application/atom+xml; type=entry; charset=utf-8" },
      body: entry("r-1"),
    }));
    const input = Object.freeze({
      kind: "apple" as const,
      deviceToken: TOKEN,
      tags: Object.freeze(["likes_football", "likes_hockey"]) as string[],
      registrationId: "ignored",
      etag: "9",
    });
    const created = await createRegistration(client, input);
    const request = server.requests[0];
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/my%20hub/registrations?api-version=2020-06");
    expect(request?.headers["content-type"]).toBe("application/atom+xml;type=entry;charset=utf-8");
    expect(request?.text).toBe(
      serializeRegistration({
        kind: "apple",
        deviceToken: TOKEN,
        tags: ["likes_football", "likes_hockey"],
      }),
    );
    expect(created).toEqual({
      kind: "apple",
      deviceToken: TOKEN.toUpperCase(),
      registrationId: "r-1",
      etag: "1",
      expirationTime: new Date("9999-12-31T23:59:59.999Z"),
      tags: ["likes_football", "likes_hockey"],
    });
    expect(input.registrationId).toBe("ignored");
  });

  it("createOrUpdateRegistration: PUT registrations/{escaped id} without If-Match", async () => {
    server.respond(() => ({ status: 200, body: entry("a/b c") }));
    const result = await createOrUpdateRegistration(client, {
      kind: "gcm",
      gcmRegistrationId: "g",
      registrationId: "a/b c",
    });
    expect(server.requests[0]?.method).toBe("PUT");
    expect(server.requests[0]?.url).toBe("/my%20hub/registrations/a%2Fb%20c?api-version=2020-06");
    expect(server.requests[0]?.headers["if-match"]).toBeUndefined();
    expect(server.requests[0]?.text).toContain(
      "<RegistrationId>a/b c</RegistrationId><GcmRegistrationId>g</GcmRegistrationId>",
    );
    expect(result.registrationId).toBe("a/b c");
  });

  it("updateRegistration: If-Match carries the etag; a 412 is a ServiceError", async () => {
    server.respond(() => ({ status: 200, headers: { ETag: 'W/"4"' }, body: entry("r-2", "4") }));
    const input = { kind: "apple" as const, deviceToken: TOKEN, registrationId: "r-2", etag: "3" };
    const updated = await updateRegistration(client, Object.freeze({ ...input }));
    expect(input).toEqual({ kind: "apple", deviceToken: TOKEN, registrationId: "r-2", etag: "3" });
    expect(server.requests[0]?.headers["if-match"]).toBe('"3"');
    expect(server.requests[0]?.text).not.toContain("ETag");
    expect(updated.etag).toBe("4");
    server.respond(() => ({
      status: 412,
      body: "<Error><Code>412</Code><Detail>Precondition failed.TrackingId:x</Detail></Error>",
    }));
    const error = await updateRegistration(client, { ...updated, etag: "3" }).catch(
      (e: unknown) => e,
    );
    expect(ServiceError.isInstance(error)).toBe(true);
    expect((error as ServiceError).statusCode).toBe(412);
  });

  it("refuses before sending: no registrationId, no etag, bad tags", async () => {
    await expect(
      createOrUpdateRegistration(client, { kind: "gcm", gcmRegistrationId: "g" }),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(
      updateRegistration(client, { kind: "gcm", gcmRegistrationId: "g", registrationId: "r" }),
    ).rejects.toThrow(/needs registration.etag/);
    await expect(
      createRegistration(client, { kind: "gcm", gcmRegistrationId: "g", tags: ["a b"] }),
    ).rejects.toThrow(TagExpressionError);
    await expect(
      createRegistration({} as never, { kind: "gcm", gcmRegistrationId: "g" }),
    ).rejects.toThrow(/createClient/);
    expect(server.requests).toHaveLength(0);
  });

  it("getRegistration: GET, etag from the entry attribute of the new front end", async () => {
    server.respond(() => ({
      status: 200,
      headers: { "Content-Type": "application/xml" },
      body: entry("r-3", "2", "9999-12-31T23:59:59.999Z"),
    }));
    const got = await getRegistration(client, "r-3");
    expect(server.requests[0]?.method).toBe("GET");
    expect(server.requests[0]?.url).toBe("/my%20hub/registrations/r-3?api-version=2020-06");
    expect(got).toMatchObject({ kind: "apple", registrationId: "r-3", etag: "2" });
  });

  it("getRegistration: a body that is not a registration is an INVALID_RESPONSE error", async () => {
    server.respond(() => ({ status: 200, body: "<html>proxy</html>" }));
    await expect(getRegistration(client, "r")).rejects.toMatchObject({ code: "INVALID_RESPONSE" });
  });

  it("deleteRegistration: If-Match * by default, the etag when given", async () => {
    server.respond(() => ({ status: 200 }));
    await deleteRegistration(client, "r-4");
    await deleteRegistration(client, "r-4", { etag: "5" });
    expect(server.requests.map((r) => [r.method, r.url, r.headers["if-match"]])).toEqual([
      ["DELETE", "/my%20hub/registrations/r-4?api-version=2020-06", "*"],
      ["DELETE", "/my%20hub/registrations/r-4?api-version=2020-06", '"5"'],
    ]);
  });
});

describe("listings", () => {
  it("follows continuation tokens across three pages, $top on every page, tokens passed back verbatim", async () => {
    const tokens = ["MzEobik7Mg%3D%3D", "c2Vjb25k%2B%2F%3D"];
    server.respond((_request, index) => ({
      status: 200,
      headers: (index < 2 ? { "x-ms-continuationtoken": tokens[index] } : {}) as Record<
        string,
        string
      >,
      body: feed([`r${index * 2}`, `r${index * 2 + 1}`]),
    }));
    const ids: (string | undefined)[] = [];
    for await (const registration of listRegistrations(client, { top: 2 }))
      ids.push(registration.registrationId);
    expect(ids).toEqual(["r0", "r1", "r2", "r3", "r4", "r5"]);
    expect(server.requests).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      expect(
        server.requests[i]?.url.startsWith("/my%20hub/registrations?api-version=2020-06&"),
      ).toBe(true);
      expect(query(i).get("$top")).toBe("2");
    }
    expect(query(0).get("continuationtoken")).toBeNull();
    expect(server.requests[1]?.url).toContain(`&continuationtoken=${tokens[0]}`);
    expect(server.requests[2]?.url).toContain(`&continuationtoken=${tokens[1]}`);
  });

  it("byPage() yields pages with their tokens, and resumes from a token", async () => {
    server.respond((_request, index) => ({
      status: 200,
      headers: (index === 0 ? { "x-ms-continuationtoken": "next%3D" } : {}) as Record<
        string,
        string
      >,
      body: feed([`p${index}`]),
    }));
    const pages = [];
    for await (const page of listRegistrations(client).byPage()) pages.push(page);
    expect(
      pages.map((p) => [p.registrations.map((r) => r.registrationId), p.continuationToken]),
    ).toEqual([
      [["p0"], "next%3D"],
      [["p1"], undefined],
    ]);
    expect(query(0).get("$top")).toBeNull();
    server.requests.length = 0;
    server.respond(() => ({ status: 200, body: feed([]) }));
    for await (const page of listRegistrations(client, { top: 5 }).byPage({
      continuationToken: "abc%3D",
    })) {
      expect(page.registrations).toEqual([]);
    }
    expect(server.requests[0]?.url).toContain("continuationtoken=abc%3D");
    expect(query(0).get("$top")).toBe("5");
  });

  it("listRegistrationsByTag escapes the tag in the path", async () => {
    server.respond(() => ({ status: 200, body: feed(["t1"]) }));
    const all = [];
    for await (const r of listRegistrationsByTag(client, "city:paris#1", { top: 10 })) all.push(r);
    expect(all).toHaveLength(1);
    expect(server.requests[0]?.url).toBe(
      "/my%20hub/tags/city%3Aparis%231/registrations?api-version=2020-06&$top=10",
    );
    for await (const _ of listRegistrationsByTag(client, "$InstallationId:{abc}")) break;
    expect(server.requests[1]?.url.split("?")[0]).toBe(
      "/my%20hub/tags/%24InstallationId%3A%7Babc%7D/registrations",
    );
  });

  it("refuses a bad tag or top before sending", () => {
    expect(() => listRegistrationsByTag(client, "a/b")).toThrow(TagExpressionError);
    expect(() => listRegistrations(client, { top: 0 })).toThrow(/top must be a whole number/);
    expect(() =>
      listRegistrationsByChannel(client, { kind: "apple" } as RegistrationChannel),
    ).toThrow(/channel.deviceToken/);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [{ kind: "apple", deviceToken: "abc123" }, "DeviceToken eq 'ABC123'"],
    [
      { kind: "windows", channelUri: "https://x/?a=1&b='2'" },
      "ChannelUri eq 'https://x/?a=1&b=''2'''",
    ],
    [{ kind: "mpns", channelUri: "http://m" }, "ChannelUri eq 'http://m'"],
    [{ kind: "gcm", gcmRegistrationId: "g'1" }, "GcmRegistrationId eq 'g''1'"],
    [{ kind: "fcmv1", fcmV1RegistrationId: "f1" }, "FcmV1RegistrationId eq 'f1'"],
    [{ kind: "adm", admRegistrationId: "a1" }, "AdmRegistrationId eq 'a1'"],
    [
      { kind: "baidu", baiduUserId: "u1", baiduChannelId: "c1" },
      "BaiduChannelId eq 'c1' and BaiduUserId eq 'u1'",
    ],
    [{ kind: "browser", endpoint: "https://push/e" }, "Endpoint eq 'https://push/e'"],
    [{ kind: "xiaomi", xiaomiRegistrationId: "x1" }, "XiaomiRegistrationId eq 'x1'"],
  ] as [RegistrationChannel, string][])(
    "listRegistrationsByChannel %j",
    async (channel, filter) => {
      server.respond(() => ({ status: 200, body: feed([]) }));
      for await (const _ of listRegistrationsByChannel(client, channel, { top: 3 })) break;
      expect(server.requests[0]?.url.split("?")[0]).toBe("/my%20hub/registrations");
      expect(query(0).get("$filter")).toBe(filter);
      expect(query(0).get("$top")).toBe("3");
    },
  );
});
