import { describe, expect, it } from "vitest";
import { parseInstallation } from "./installation-json.js";
import { assertInstallationPatches } from "./installation-patch.js";
import { parseJobEntry, parseJobFeed } from "./job-xml.js";
import { parseRegistrationEntry, parseRegistrationFeed } from "./registration-parse.js";
import { javaFixture } from "./test-fixtures.test-helper.js";

const common = {
  registrationId: "8372532420827572008-85883004107185159-4",
  etag: "3",
  expirationTime: new Date("2014-09-01T15:57:46.778Z"),
  tags: ["myTag", "myOtherTag"],
};
const WNS_CHANNEL =
  "https://bn1.notify.windows.com/?token=AgYAAADYej13M9aml3liD9nlfJw6FEgGXDvYmKDOfOwcS2ekCUm7hIrsJhGqkvU35pmJHFmXVbeUKJawqNHQKCtNJaI4z3uf3Gn04nrdSMUgzFapd%2fXYwzREnjz6%2fk9Pl6cy%2bdI%3d";
const WNS_TEMPLATE = {
  body: '<toast><visual><binding template="ToastText01"><text id="1">From any .NET App!</text></binding></visual></toast>',
  headers: { "X-WNS-Type": "wns/tile", "X-WNS-Tag": "myTag" },
};

describe("Java SDK parser fixtures (hand-written Atom)", () => {
  it.each([
    [
      "AdmNativeRegistrationType",
      { kind: "adm", admRegistrationId: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", ...common },
    ],
    [
      "AdmTemplateRegistrationNoType",
      {
        kind: "adm",
        admRegistrationId: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ...common,
        template: { body: '{ "aps": { "alert": "$(message)"} }' },
      },
    ],
    [
      "AppleNativeRegistrationNoType",
      { kind: "apple", deviceToken: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", ...common },
    ],
    [
      "AppleNativeRegistrationType",
      { kind: "apple", deviceToken: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", ...common },
    ],
    [
      "AppleTemplateRegistrationNoType",
      {
        kind: "apple",
        deviceToken: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ...common,
        template: { body: '{ "aps": { "alert": "$(message)"} }', expiry: "$(expiry)" },
      },
    ],
    [
      "AppleTemplateRegistrationType",
      {
        kind: "apple",
        deviceToken: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ...common,
        template: { body: '{ "aps": { "alert": "$(message)"} }', expiry: "$(expiry)" },
      },
    ],
    [
      "BaiduNativeRegistrationType",
      {
        kind: "baidu",
        baiduUserId: "baidu_user",
        baiduChannelId: "baidu_channel",
        ...common,
        etag: "1",
        expirationTime: new Date("2015-03-10T00:44:27.188Z"),
      },
    ],
    [
      "BaiduTemplateRegistrationNoType",
      {
        kind: "baidu",
        baiduUserId: "baidu_user",
        baiduChannelId: "baidu_channel",
        registrationId: common.registrationId,
        etag: "1",
        expirationTime: new Date("2015-03-10T00:56:21.609Z"),
        tags: ["myTag"],
        template: { body: '{"data":{"key1":"$(value1)"}}' },
      },
    ],
    [
      "BrowserNativeRegistration",
      {
        kind: "browser",
        endpoint: "foo",
        p256dh: "bar",
        auth: "baz",
        ...common,
        expirationTime: new Date("2024-09-01T15:57:46.778Z"),
      },
    ],
    [
      "BrowserTemplateRegistration",
      {
        kind: "browser",
        endpoint: "foo",
        p256dh: "bar",
        auth: "baz",
        ...common,
        expirationTime: new Date("2024-09-01T15:57:46.778Z"),
        template: { body: '{"title": "$(message)", "message": "$(message)"}' },
      },
    ],
    [
      "GcmNativeRegistrationType",
      { kind: "gcm", gcmRegistrationId: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", ...common },
    ],
    [
      "GcmTemplateRegistrationNoType",
      {
        kind: "gcm",
        gcmRegistrationId: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ...common,
        template: { body: '{ "aps": { "alert": "$(message)"} }' },
      },
    ],
    [
      "MpnsNativeRegistrationNoType",
      {
        kind: "mpns",
        channelUri:
          "http://dm2.notify.live.net/throttledthirdparty/01.00/AQG9Ed13-Lb5RbCii5fWzpFpAgAAAAADAQAAAAQUZm52OkJCMjg1QTg1QkZDMkUxREQFBlVTTkMwMQ",
        ...common,
      },
    ],
    [
      "MpnsTemplateRegistrationType",
      {
        kind: "mpns",
        channelUri:
          "http://dm2.notify.live.net/throttledthirdparty/01.00/AQG9Ed13-Lb5RbCii5fWzpFpAgAAAAADAQAAAAQUZm52OkJCMjg1QTg1QkZDMkUxREQFBlVTTkMwMQ",
        ...common,
        template: {
          body: '<wp:Notification xmlns:wp="WPNotification"><wp:Toast><wp:Text1>$(message)</wp:Text1></wp:Toast></wp:Notification>',
          headers: { "X-WindowsPhone-Target": "toast" },
        },
      },
    ],
    ["WindowsNativeRegistrationNoType", { kind: "windows", channelUri: WNS_CHANNEL, ...common }],
    ["WindowsNativeRegistrationType", { kind: "windows", channelUri: WNS_CHANNEL, ...common }],
    [
      "WindowsTemplateRegistrationNoType",
      { kind: "windows", channelUri: WNS_CHANNEL, ...common, template: WNS_TEMPLATE },
    ],
    [
      "WindowsTemplateRegistrationType",
      { kind: "windows", channelUri: WNS_CHANNEL, ...common, template: WNS_TEMPLATE },
    ],
  ])("%s", (file, expected) => {
    expect(parseRegistrationEntry(javaFixture(file))).toEqual(expected);
  });

  it("RegistrationCollection: a feed mixing kinds and both element forms", () => {
    const feed = parseRegistrationFeed(javaFixture("RegistrationCollection"));
    expect(
      feed.map((r) => [
        r.kind,
        r.registrationId,
        r.etag,
        "template" in r && r.template !== undefined,
      ]),
    ).toEqual([
      ["windows", "8372532420827572008-85883004107185159-4", "3", false],
      ["windows", "1232532420827572008-85883004107185159-4", "5", true],
      ["apple", "8372532420827572008-85883004107185159-4", "3", false],
      ["apple", "2372532420827572008-85883004107185159-4", "3", true],
    ]);
    expect(feed[1]?.kind === "windows" && feed[1].template?.headers).toEqual(WNS_TEMPLATE.headers);
    expect(feed[3]?.kind === "apple" && feed[3].deviceToken).toBe("{DeviceToken}");
  });

  it("installations: minimal, WNS full (both spacings) and browser", () => {
    expect(parseInstallation(javaFixture("InstallationMinimal"))).toEqual({
      installationId: "123",
      platform: "gcm",
      pushChannel: "qwe",
    });
    const full = parseInstallation(javaFixture("InstallationWnsFull"));
    expect(full).toEqual({
      installationId: "123",
      platform: "wns",
      pushChannel: "wns-push-channel1",
      pushChannelExpired: true,
      expirationTime: new Date("2014-11-26T23:34:01.174Z"),
      tags: ["foo1", "bar1"],
      templates: {
        template1: {
          body: '<?xml version="1.0" encoding="utf-8"?>',
          headers: { h1: "v1" },
          tags: ["foo2", "bar2"],
        },
      },
      secondaryTiles: {
        tile1: {
          pushChannel: "wns-push-channel2",
          tags: ["foo3", "bar3"],
          templates: {
            template1: {
              body: '<?xml version="1.0" encoding="utf-8"?>',
              headers: { h2: "v2" },
              tags: ["foo4", "bar4"],
            },
          },
        },
      },
    });
    const noSpaces = parseInstallation(javaFixture("InstallationWnsFullNoSpaces"));
    expect(noSpaces.secondaryTiles?.tile1?.pushChannelExpired).toBe(false);
    expect({ ...noSpaces, secondaryTiles: undefined }).toEqual({
      ...full,
      secondaryTiles: undefined,
    });
    expect(parseInstallation(javaFixture("InstallationBrowser"))).toMatchObject({
      platform: "browser",
      pushChannel: { endpoint: "foo", p256dh: "bar", auth: "baz" },
      pushChannelExpired: true,
      expirationTime: new Date("2024-11-26T23:34:01.174Z"),
      tags: ["foo1", "bar1"],
      templates: {
        template1: {
          body: '{"title": "$(message)", "message": "$(message)"}',
          headers: {},
          tags: ["foo2", "bar2"],
        },
      },
    });
  });

  it("PartialUpdatesNoSpaces passes patch validation except for its made-up paths", () => {
    const patches = JSON.parse(javaFixture("PartialUpdatesNoSpaces")) as unknown[];
    expect(() => assertInstallationPatches(patches.slice(0, 1), "patch")).not.toThrow();
    expect(() => assertInstallationPatches(patches.slice(1, 2), "patch")).toThrow(
      /must name one of/,
    );
  });

  it("jobs: incoming entry (CDATA URIs), feed, and the outgoing shape", () => {
    const expected = {
      jobId: "1",
      progress: 99.99,
      type: "ImportCreateRegistrations",
      status: "Completed",
      outputContainerUrl: "https://test.blob.core.windows.net/testjobs",
      importFileUrl: "https://test.blob.core.windows.net/testjobs/CreateFile.txt",
      outputProperties: {
        OutputFilePath: "test//hub/1/Output.txt",
        FailedFilePath: "test//hub/1/Failed.txt",
      },
      createdAt: new Date("2014-12-06T01:48:49.987Z"),
      updatedAt: new Date("2014-12-06T01:48:54.450Z"),
    };
    expect(parseJobEntry(javaFixture("NotificationHubJobIncoming"))).toEqual(expected);
    expect(parseJobFeed(javaFixture("NotificationHubJobFeed"))).toEqual([
      expected,
      expected,
      expected,
    ]);
    expect(parseJobEntry(javaFixture("NotificationHubJobOutgoing"))).toEqual({
      type: "ImportCreateRegistrations",
      outputContainerUrl: "https://test.blob.core.windows.net/testjobs",
      importFileUrl: "https://test.blob.core.windows.net/testjobs/CreateFile.txt",
    });
  });
});
