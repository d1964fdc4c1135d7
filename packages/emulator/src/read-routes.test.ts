import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  APPLE,
  APPLE_BODY,
  appleDevice,
  call,
  sendApple,
  startTestEmulator,
} from "./http.test-helper.js";
import { feedbackLine } from "./read-routes.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator({
    installations: [
      appleDevice("a1", ["x"]),
      appleDevice("a2", ["x"]),
      appleDevice("dead", ["x"], { pushChannelExpired: true }),
      {
        installationId: "w1",
        platform: "wns",
        pushChannel: "https://wns/w1",
        templates: { t: { body: "<toast/>" } },
      },
      {
        installationId: "g1",
        platform: "gcm",
        pushChannel: "gcm-1",
        templates: { t: { body: "{}" } },
      },
    ],
  });
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

function idOf(location: string | undefined): string {
  return /\/([^/?]+)\?/.exec(location ?? "")?.[1] ?? "";
}

function details(id: string, auth: "full" | "listen" = "full") {
  return call(emulator, { method: "GET", path: `demo/messages/${id}?api-version=2020-06`, auth });
}

function element(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>(.*?)</${name}>`).exec(xml)?.[1];
}

describe("GET /{hub}/messages/{id}", () => {
  it("describes a completed send with per-platform outcome counts", async () => {
    const sent = await sendApple(emulator, { headers: { "ServiceBusNotification-Tags": "x" } });
    const id = idOf(sent.headers.location);
    const response = await details(id);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/xml; charset=utf-8");
    const xml = response.text;
    expect(xml).toMatch(
      /^<NotificationDetails xmlns:i="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance" xmlns="http:\/\/schemas\.microsoft\.com\/netservices\/2010\/10\/servicebus\/connect">/,
    );
    expect(element(xml, "NotificationId")).toBe(id);
    expect(element(xml, "Location")).toBe(sent.headers.location);
    expect(element(xml, "State")).toBe("Completed");
    for (const name of ["EnqueueTime", "StartTime", "EndTime"]) {
      expect(element(xml, name)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expect(element(xml, "NotificationBody")).toBe(APPLE_BODY);
    expect(element(xml, "Tags")).toBe("x");
    expect(element(xml, "TargetPlatforms")).toBe("apple");
    expect(element(xml, "ApnsOutcomeCounts")).toBe(
      "<Outcome><Name>Success</Name><Count>2</Count></Outcome><Outcome><Name>ExpiredChannel</Name><Count>1</Count></Outcome>",
    );
    expect(element(xml, "PnsErrorDetailsUri")).toContain(`/demo/$feedback?sig=`);
  });

  it("says NoTargetFound when nothing matched", async () => {
    const id = idOf(
      (await sendApple(emulator, { headers: { "ServiceBusNotification-Tags": "none" } })).headers
        .location,
    );
    const xml = (await details(id)).text;
    expect(element(xml, "State")).toBe("NoTargetFound");
    expect(xml).not.toContain("OutcomeCounts");
  });

  it("counts a template send on each platform it reached", async () => {
    const sent = await call(emulator, {
      path: "demo/messages?api-version=2020-06",
      headers: { "ServiceBusNotification-Format": "template", "Content-Type": "application/json" },
      body: "{}",
    });
    const xml = (await details(idOf(sent.headers.location))).text;
    expect(element(xml, "TargetPlatforms")).toBe("windows,gcm");
    expect(element(xml, "WnsOutcomeCounts")).toBe(
      "<Outcome><Name>Success</Name><Count>1</Count></Outcome>",
    );
    expect(element(xml, "GcmOutcomeCounts")).toBe(
      "<Outcome><Name>Success</Name><Count>1</Count></Outcome>",
    );
    expect(xml).toContain('<Tags i:nil="true"/>');
  });

  it("answers 404 for an unknown id and 401 for a Listen-only rule", async () => {
    expect((await details("NH-nope")).status).toBe(404);
    const id = idOf((await sendApple(emulator)).headers.location);
    expect((await details(id, "listen")).status).toBe(401);
  });
});

describe("PNS feedback", () => {
  it("gives the container URL as plain text, listing one PnsFeedback line per failed delivery", async () => {
    const first = idOf(
      (await sendApple(emulator, { headers: { "ServiceBusNotification-Tags": "x" } })).headers
        .location,
    );
    const second = idOf(
      (await sendApple(emulator, { headers: { "ServiceBusNotification-Tags": "x" } })).headers
        .location,
    );
    const container = await call(emulator, {
      method: "GET",
      path: "demo/feedbackcontainer?api-version=2020-06",
    });
    expect(container.status).toBe(200);
    expect(container.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(container.text).toMatch(
      new RegExp(`^${emulator.url}demo/\\$feedback\\?sig=[0-9a-f]{32}$`),
    );
    const listing = await call(emulator, { method: "GET", path: container.text, auth: false });
    expect(listing.status).toBe(200);
    const lines = listing.text.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => /notificationId=(\S+)/.exec(line)?.[1])).toEqual([first, second]);
    expect(lines[0]).toMatch(
      /^PnsFeedback time=\S+ notificationId=\S+ platform=apns pnsHandle=token-dead installationId=dead registrationId=dead outcome=ExpiredChannel$/,
    );
  });

  it("filters by notification from the details' PnsErrorDetailsUri", async () => {
    await sendApple(emulator, { headers: { "ServiceBusNotification-Tags": "x" } });
    const id = idOf(
      (await sendApple(emulator, { headers: { "ServiceBusNotification-Tags": "x" } })).headers
        .location,
    );
    const uri =
      element((await details(id)).text, "PnsErrorDetailsUri")?.replace(/&amp;/g, "&") ?? "";
    const listing = await call(emulator, { method: "GET", path: uri, auth: false });
    expect(
      listing.text
        .trimEnd()
        .split("\n")
        .map((line) => /notificationId=(\S+)/.exec(line)?.[1]),
    ).toEqual([id]);
  });

  it("refuses the listing without the right sig", async () => {
    expect(
      (await call(emulator, { method: "GET", path: "demo/$feedback?sig=00", auth: false })).status,
    ).toBe(403);
    expect(
      (await call(emulator, { method: "GET", path: "demo/$feedback", auth: false })).status,
    ).toBe(403);
  });

  it("writes fields percent-encoded so a line always splits on spaces", () => {
    const line = feedbackLine({
      time: new Date("2030-01-01T00:00:00Z"),
      notificationId: "NH-1",
      platform: "browser",
      pnsHandle: "https://push.example/a b",
      installationId: undefined,
      registrationId: "r",
      outcome: "ExpiredChannel",
    });
    expect(line).toBe(
      "PnsFeedback time=2030-01-01T00%3A00%3A00.000Z notificationId=NH-1 platform=browser pnsHandle=https%3A%2F%2Fpush.example%2Fa%20b installationId= registrationId=r outcome=ExpiredChannel",
    );
  });
});

describe("direct and scheduled sends have details too", () => {
  it("records a direct send", async () => {
    const sent = await call(emulator, {
      path: "demo/messages?api-version=2020-06&direct",
      headers: { ...APPLE, "ServiceBusNotification-DeviceHandle": "h" },
      body: APPLE_BODY,
    });
    const xml = (await details(idOf(sent.headers.location))).text;
    expect(element(xml, "State")).toBe("Completed");
    expect(element(xml, "ApnsOutcomeCounts")).toBe(
      "<Outcome><Name>Success</Name><Count>1</Count></Outcome>",
    );
  });
});
