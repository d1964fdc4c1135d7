import {
  type AnyRegistration,
  parseRegistrationFeed,
  serializeRegistration,
} from "@nhub/management";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { call, startTestEmulator } from "./http.test-helper.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

async function create(registration: AnyRegistration): Promise<string> {
  const response = await call(emulator, {
    path: "demo/registrations?api-version=2020-06",
    body: serializeRegistration(registration),
  });
  expect(response.status).toBe(200);
  return /<RegistrationId>([^<]+)</.exec(response.text)?.[1] ?? "";
}

function list(query: string, path = "registrations") {
  return call(emulator, { method: "GET", path: `demo/${path}?api-version=2020-06${query}` });
}

async function ids(query: string, path?: string): Promise<string[]> {
  const response = await list(query, path);
  expect(response.status).toBe(200);
  return parseRegistrationFeed(response.text).map((r) => r.registrationId ?? "");
}

const gcm = (id: string, tags?: string[]): AnyRegistration => ({
  kind: "gcm",
  gcmRegistrationId: id,
  ...(tags ? { tags } : {}),
});

describe("paging with $top and x-ms-continuationtoken", () => {
  it("walks three pages in creation order, the token passed back verbatim", async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push(await create(gcm(`g${i}`)));
    const first = await list("&$top=2");
    expect(first.headers["content-type"]).toBe("application/atom+xml; type=feed; charset=utf-8");
    const token1 = first.headers["x-ms-continuationtoken"] ?? "";
    expect(token1).toMatch(/%3D|^[A-Za-z0-9]+$/);
    const second = await list(`&$top=2&continuationtoken=${token1}`);
    const token2 = second.headers["x-ms-continuationtoken"] ?? "";
    const third = await list(`&$top=2&continuationtoken=${token2}`);
    expect(third.headers["x-ms-continuationtoken"]).toBeUndefined();
    const pages = [first, second, third].map((page) =>
      parseRegistrationFeed(page.text).map((r) => r.registrationId),
    );
    expect(pages).toEqual([created.slice(0, 2), created.slice(2, 4), created.slice(4)]);
    // A token encoded once more (as some clients do) is read the same way.
    expect(await ids(`&$top=2&continuationtoken=${encodeURIComponent(token1)}`)).toEqual(
      created.slice(2, 4),
    );
  });

  it("pages by tag too, and defaults to 100 a page", async () => {
    const tagged: string[] = [];
    for (let i = 0; i < 105; i++) {
      const id = await create(gcm(`h${i}`, i % 15 === 0 ? ["hot"] : ["cold"]));
      if (i % 15 === 0) tagged.push(id);
    }
    const all = await list("");
    expect(parseRegistrationFeed(all.text)).toHaveLength(100);
    expect(all.headers["x-ms-continuationtoken"]).toBeDefined();
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await list(
        `&$top=3${token ? `&continuationtoken=${token}` : ""}`,
        "tags/hot/registrations",
      );
      pages.push(parseRegistrationFeed(page.text).map((r) => r.registrationId ?? ""));
      token = page.headers["x-ms-continuationtoken"];
    } while (token !== undefined);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(tagged);
  });

  it("answers 400 for a bad $top or continuation token", async () => {
    expect((await list("&$top=0")).status).toBe(400);
    expect((await list("&$top=x")).status).toBe(400);
    expect((await list("&continuationtoken=garbage")).status).toBe(400);
  });
});

describe("$filter on channels", () => {
  it("finds each kind by the filter channelFilter writes", async () => {
    const apple = await create({ kind: "apple", deviceToken: "abcdef01" });
    const windows = await create({ kind: "windows", channelUri: "https://wns/x?a=1&b=2" });
    const fcm = await create({ kind: "fcmv1", fcmV1RegistrationId: "f1" });
    const adm = await create({ kind: "adm", admRegistrationId: "a1" });
    const xiaomi = await create({ kind: "xiaomi", xiaomiRegistrationId: "x1" });
    const browser = await create({
      kind: "browser",
      endpoint: "https://push/e1",
      p256dh: "p",
      auth: "a",
    });
    const baidu = await create({ kind: "baidu", baiduUserId: "u1", baiduChannelId: "c1" });
    await create({ kind: "baidu", baiduUserId: "u2", baiduChannelId: "c1" });
    const quoted = await create(gcm("it's"));
    const filter = async (text: string) => ids(`&$filter=${encodeURIComponent(text)}`);
    expect(await filter("DeviceToken eq 'ABCDEF01'")).toEqual([apple]);
    expect(await filter("DeviceToken eq 'abcdef01'")).toEqual([apple]);
    expect(await filter("ChannelUri eq 'https://wns/x?a=1&b=2'")).toEqual([windows]);
    expect(await filter("FcmV1RegistrationId eq 'f1'")).toEqual([fcm]);
    expect(await filter("AdmRegistrationId eq 'a1'")).toEqual([adm]);
    expect(await filter("XiaomiRegistrationId eq 'x1'")).toEqual([xiaomi]);
    expect(await filter("Endpoint eq 'https://push/e1'")).toEqual([browser]);
    expect(await filter("BaiduChannelId eq 'c1' and BaiduUserId eq 'u1'")).toEqual([baidu]);
    expect(await filter("GcmRegistrationId eq 'it''s'")).toEqual([quoted]);
    // The service treats ChannelUri as the generic handle (an APNs token finds Apple registrations).
    expect(await filter("ChannelUri eq 'ABCDEF01'")).toEqual([apple]);
    expect(await filter("GcmRegistrationId eq 'nobody'")).toEqual([]);
  });

  it("accepts + for spaces as .NET sends it, and answers 400 for filters it cannot read", async () => {
    const id = await create(gcm("g 1"));
    expect(await ids("&$filter=GcmRegistrationId+eq+%27g 1%27")).toEqual([id]);
    for (const bad of [
      "Tags eq 'x'",
      "GcmRegistrationId eq x",
      "GcmRegistrationId eq 'x' and",
      "GcmRegistrationId eq 'x",
    ]) {
      const response = await list(`&$filter=${encodeURIComponent(bad)}`);
      expect(response.status, bad).toBe(400);
    }
  });
});

describe("registrations made from installations", () => {
  it("are listed after the registrations, with $InstallationId:{id}, and found by that tag", async () => {
    const created = await create(gcm("g-own"));
    emulator.addInstallation({
      installationId: "inst-1",
      platform: "apns",
      pushChannel: "00fc13ad",
      tags: ["sports"],
      templates: { greeting: { body: '{"aps":{"alert":"$(msg)"}}', tags: ["tpl"] } },
    });
    const response = await list("");
    const listed = parseRegistrationFeed(response.text);
    expect(listed.map((r) => r.registrationId)).toEqual([created, "inst-1", "inst-1/greeting"]);
    expect(listed[1]).toMatchObject({
      kind: "apple",
      deviceToken: "00FC13AD",
      tags: ["$InstallationId:{inst-1}", "sports"],
    });
    expect(listed[2]).toMatchObject({
      kind: "apple",
      tags: ["$InstallationId:{inst-1}", "greeting", "sports", "tpl"],
      template: { body: '{"aps":{"alert":"$(msg)"}}', name: "greeting" },
    });
    const tag = encodeURIComponent("$InstallationId:{inst-1}");
    expect(await ids("", `tags/${tag}/registrations`)).toEqual(["inst-1", "inst-1/greeting"]);
    expect(await ids("", "tags/tpl/registrations")).toEqual(["inst-1/greeting"]);
    // Paging walks across both: one page of 2, then the template registration.
    const first = await list("&$top=2");
    const token = first.headers["x-ms-continuationtoken"] ?? "";
    expect(await ids(`&$top=2&continuationtoken=${token}`)).toEqual(["inst-1/greeting"]);
  });
});
