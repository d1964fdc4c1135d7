import { describe, expect, it } from "vitest";
import { parseRegistrationEntry, parseRegistrationFeed } from "./registration-parse.js";
import type { AnyRegistration } from "./registration-types.js";
import {
  dotnetCalls,
  type ExpectedDescription,
  expectedDescriptions,
  jsCalls,
} from "./test-fixtures.test-helper.js";

const KINDS: Record<string, string> = {
  Apple: "apple",
  Gcm: "gcm",
  FcmV1: "fcmv1",
  Windows: "windows",
  Mpns: "mpns",
  Adm: "adm",
  Baidu: "baidu",
  Browser: "browser",
  Xiaomi: "xiaomi",
};
const CHANNEL: Record<string, string> = {
  DeviceToken: "deviceToken",
  GcmRegistrationId: "gcmRegistrationId",
  FcmV1RegistrationId: "fcmV1RegistrationId",
  ChannelUri: "channelUri",
  SecondaryTileName: "secondaryTileName",
  AdmRegistrationId: "admRegistrationId",
  BaiduUserId: "baiduUserId",
  BaiduChannelId: "baiduChannelId",
  Endpoint: "endpoint",
  P256DH: "p256dh",
  Auth: "auth",
  XiaomiRegistrationId: "xiaomiRegistrationId",
};

/** Checks every field of a parsed registration against the raw XML of its description. */
function checkRegistration(parsed: AnyRegistration, expected: ExpectedDescription): void {
  const match = /^(\w+?)(Template)?RegistrationDescription$/.exec(expected.element);
  expect(match, expected.element).not.toBeNull();
  const f = expected.fields;
  expect(parsed.kind).toBe(KINDS[match?.[1] ?? ""]);
  expect(parsed.registrationId).toBe(f.RegistrationId?.trim());
  expect(parsed.etag).toBe(f.ETag?.trim());
  if (f.Tags) expect(parsed.tags).toEqual(f.Tags.split(",").map((t) => t.trim()));
  else expect(parsed.tags).toBeUndefined();
  if (f.PushVariables) expect(parsed.pushVariables).toEqual(JSON.parse(f.PushVariables));
  else expect(parsed.pushVariables).toBeUndefined();
  if (f.ExpirationTime)
    expect(parsed.expirationTime?.toISOString()).toBe(`${f.ExpirationTime.slice(0, 23)}Z`);
  else expect(parsed.expirationTime).toBeUndefined();
  const record = parsed as unknown as Record<string, unknown>;
  for (const [element, field] of Object.entries(CHANNEL)) {
    if (f[element] !== undefined && f[element] !== null)
      expect(record[field], element).toBe(f[element]?.trim());
  }
  if (parsed.kind === "unknown") throw new Error("no fixture holds an unknown kind");
  if (match?.[2]) {
    expect(parsed.template?.body).toBe(f.BodyTemplate);
    expect(parsed.template?.name).toBe(f.TemplateName ?? undefined);
    if (f.Expiry) expect(parsed.template?.expiry).toBeDefined();
    else expect(parsed.template?.expiry).toBeUndefined();
    const headers = Object.fromEntries(
      [
        ...expected.inner.matchAll(
          /<Header>\s*([^<]*?)\s*<\/Header>\s*<Value>\s*([^<]*?)\s*<\/Value>/g,
        ),
      ].map((m) => [m[1], m[2]]),
    );
    if (Object.keys(headers).length > 0) expect(parsed.template?.headers).toEqual(headers);
    else expect(parsed.template?.headers).toBeUndefined();
  } else {
    expect(parsed.template).toBeUndefined();
  }
}

function checkBody(body: string, etagHeader?: string): number {
  const expected = expectedDescriptions(body);
  if (body.trimStart().startsWith("<feed")) {
    const parsed = parseRegistrationFeed(body);
    expect(parsed).toHaveLength(expected.length);
    for (const [i, registration] of parsed.entries()) {
      checkRegistration(registration, expected[i] as ExpectedDescription);
    }
    return parsed.length;
  }
  const parsed = parseRegistrationEntry(body, { etag: etagHeader });
  expect(expected).toHaveLength(1);
  checkRegistration(parsed, expected[0] as ExpectedDescription);
  if (etagHeader) expect(`W/"${parsed.etag}"`).toBe(etagHeader);
  return 1;
}

const isRegistrationBody = (body: string, uri: string) =>
  body.includes("RegistrationDescription") ||
  (body.trimStart().startsWith("<feed") && /registrations/i.test(uri));

describe("recorded .NET sessions: every registration entry and feed", () => {
  const calls = dotnetCalls().filter((call) => isRegistrationBody(call.body, call.uri));
  it("finds the registration responses", () => {
    expect(calls.length).toBeGreaterThan(100);
  });
  it.each(calls.map((call) => [`${call.file} #${call.index}`, call] as const))(
    "%s",
    (_name, call) => {
      checkBody(call.body, call.headers.etag);
    },
  );
});

describe("recorded JS sessions: every registration request and response", () => {
  const calls = jsCalls();
  const responses = calls.filter((call) => isRegistrationBody(call.body, call.uri));
  const requests = calls.filter((call) => call.requestBody?.includes("RegistrationDescription"));
  it("finds them", () => {
    expect(responses.length).toBeGreaterThan(20);
    expect(requests.length).toBeGreaterThan(15);
  });
  it.each(responses.map((call) => [`${call.file} #${call.index}`, call] as const))(
    "response %s",
    (_name, call) => {
      checkBody(call.body, call.headers.etag);
    },
  );
  it.each(requests.map((call) => [`${call.file} #${call.index}`, call] as const))(
    "request %s",
    (_name, call) => {
      checkBody(call.requestBody as string);
    },
  );
});

describe("facts the recordings establish", () => {
  const byFile = (name: string) => dotnetCalls().filter((call) => call.file.startsWith(name));

  it("reads ExpirationTime with and without Z, 3 and 7 digits, into the same instant", () => {
    const times = new Set<string>();
    for (const call of dotnetCalls().concat(jsCalls())) {
      for (const m of call.body.matchAll(/<ExpirationTime>([^<]+)<\/ExpirationTime>/g))
        times.add(m[1] as string);
    }
    expect([...times].sort()).toEqual([
      "9999-12-31T23:59:59.999",
      "9999-12-31T23:59:59.9999999",
      "9999-12-31T23:59:59.9999999Z",
      "9999-12-31T23:59:59.999Z",
    ]);
  });

  it("keeps service-added tags ($InstallationId, $UserId, names with spaces) without validating them", () => {
    const [call] = byFile(
      "CreateOrUpdateRegistrationAsync_UpsertAppleNativeRegistrationWithCustomId",
    );
    const feed = parseRegistrationFeed(call?.body ?? "");
    const template = feed.find((r) => r.kind === "apple" && r.template);
    expect(template?.tags).toEqual([
      "$InstallationId:{95e4cf2e-685f-4141-98e2-4c5f71d1a696}",
      "tag1",
      "Template Name",
    ]);
    expect(template?.kind === "apple" && template.template?.expiry).toEqual(
      new Date("2018-11-08T00:18:32.664Z"),
    );
    const [userCall] = byFile("PatchInstallationAsync_CreateInstallationWithUserIdAndUpdateUserId");
    expect(parseRegistrationFeed(userCall?.body ?? "")[0]?.tags).toEqual([
      "$InstallationId:{69ddbc47-864d-4b90-ac0a-3e5d45655e42}",
      "$UserId:{77a8db6e-c1d3-41a3-9aa7-06bfef487a5a}",
    ]);
  });

  it("reads an Apple template with <Expiry i:nil> and an empty <ApnsHeaders/>", () => {
    const calls = byFile("CreateRegistrationAsync_PassValidAppleTemplateRegistration");
    const created = parseRegistrationEntry(calls[2]?.body ?? "", { etag: calls[2]?.headers.etag });
    expect(created).toEqual({
      kind: "apple",
      deviceToken: "62BCD3484834B7E2DC56733AC5509259230CC1BA82BA1AE7D06E91908A05A8FA",
      registrationId: "4497227228776861650-7267172778370643468-3",
      etag: "1",
      expirationTime: new Date("9999-12-31T23:59:59.999Z"),
      tags: ["tag1"],
      pushVariables: { var1: "value1" },
      template: { body: '{"aps":{"alert":"alert!"}}', name: "Template Name" },
    });
  });

  it("reads MPNS and WNS header collections", () => {
    const mpns = parseRegistrationEntry(
      byFile("CreateRegistrationAsync_PassValidMpnsTemplateRegistration")[4]?.body ?? "",
    );
    expect(mpns.kind === "mpns" && mpns.template?.headers).toEqual({
      "X-NotificationClass": "1",
      "X-WindowsPhone-Target": "token",
    });
    expect(mpns.kind === "mpns" && mpns.secondaryTileName).toBe("Tile name");
    const wns = parseRegistrationEntry(
      byFile("CreateRegistrationAsync_PassValidWindowsTemplateRegistration")[2]?.body ?? "",
    );
    expect(wns.kind === "windows" && wns.template?.headers).toEqual({ "X-WNS-Type": "wns/toast" });
  });

  it("reads the new front end's p1:etag / p2:etag entries without an ETag header", () => {
    const calls = jsCalls().filter((call) =>
      call.file.startsWith("azure-sdk-assets/recordings/node/listregistrationsbytag"),
    );
    const feedCall = calls.find((call) => call.method === "GET");
    expect(feedCall?.headers["content-type"]).toBe("application/xml");
    const feed = parseRegistrationFeed(feedCall?.body ?? "");
    expect(feed.length).toBeGreaterThanOrEqual(3);
    for (const registration of feed) {
      expect(registration.etag).toBe("1");
      expect(registration.kind === "apple" && registration.deviceToken).toBe(
        "00FC13ADFF785122B4AD28809A3420982341241421348097878E577C991DE8F0",
      );
    }
  });
});
