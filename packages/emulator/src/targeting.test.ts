import { parseTagExpression } from "@nhub/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appleDevice, call, sendApple, startTestEmulator } from "./http.test-helper.js";
import { installationTargets, pushChannelText, selectTargets } from "./targeting.js";
import type { Emulator, Installation } from "./types.js";

const DEVICES: Installation[] = [
  appleDevice("a-sports", ["sports"]),
  appleDevice("a-news", ["news"], { userId: "alice" }),
  appleDevice("a-both", ["sports", "news"]),
  appleDevice("a-none", []),
  { installationId: "g-sports", platform: "gcm", pushChannel: "gcm-1", tags: ["sports"] },
];

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ installations: DEVICES });
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

async function reached(tags?: string): Promise<string[]> {
  emulator.reset();
  const response = await sendApple(
    emulator,
    tags === undefined ? {} : { headers: { "ServiceBusNotification-Tags": tags } },
  );
  expect(response.status).toBe(201);
  return emulator.deliveries().map((d) => d.installationId ?? "");
}

describe("native send targeting", () => {
  it("broadcasts to every device of the platform when there is no tags header", async () => {
    expect(await reached()).toEqual(["a-sports", "a-news", "a-both", "a-none"]);
  });

  it("reaches one tag", async () => {
    expect(await reached("sports")).toEqual(["a-sports", "a-both"]);
  });

  it("evaluates ||, &&, ! and parentheses", async () => {
    expect(await reached("sports || news")).toEqual(["a-sports", "a-news", "a-both"]);
    expect(await reached("sports && news")).toEqual(["a-both"]);
    expect(await reached("!sports")).toEqual(["a-news", "a-none"]);
    expect(await reached("(sports || news) && !(sports && news)")).toEqual(["a-sports", "a-news"]);
  });

  it("reaches $InstallationId:{id} and $UserId:{id}", async () => {
    expect(await reached("$InstallationId:{a-none}")).toEqual(["a-none"]);
    expect(await reached("$UserId:{alice}")).toEqual(["a-news"]);
    expect(await reached("$UserId:{bob}")).toEqual([]);
  });

  it("reaches devices of the send's platform only", async () => {
    const response = await call(emulator, {
      path: "demo/messages?api-version=2020-06",
      headers: {
        "ServiceBusNotification-Format": "gcm",
        "Content-Type": "application/json",
        "ServiceBusNotification-Tags": "sports",
      },
      body: '{"data":{"m":"x"}}',
    });
    expect(response.status).toBe(201);
    expect(emulator.deliveries().map((d) => [d.installationId, d.platform, d.pushChannel])).toEqual(
      [["g-sports", "gcm", "gcm-1"]],
    );
  });

  it("forgets added devices on reset and reaches them once added again", async () => {
    emulator.addInstallation(appleDevice("late", ["late"]));
    expect(await reached("late")).toEqual([]);
    emulator.addInstallation(appleDevice("late", ["late"]));
    const response = await sendApple(emulator, {
      headers: { "ServiceBusNotification-Tags": "late" },
    });
    expect(response.status).toBe(201);
    expect(emulator.deliveries().map((d) => d.installationId)).toEqual(["late"]);
  });
});

describe("targets", () => {
  it("gives an installation its system tags, and each template its name and tags", () => {
    const targets = installationTargets({
      installationId: "x",
      platform: "WNS",
      pushChannel: "c",
      userId: "U",
      tags: ["t"],
      templates: {
        greet: { body: "<toast/>", tags: ["extra"], headers: { "X-WNS-Type": "wns/toast" } },
      },
    });
    expect(targets).toHaveLength(2);
    expect([...(targets[0]?.tags ?? [])]).toEqual(["t", "$installationid:{x}", "$userid:{u}"]);
    expect(targets[0]?.platform).toBe("wns");
    expect(targets[1]?.template).toEqual({
      name: "greet",
      body: "<toast/>",
      headers: { "x-wns-type": "wns/toast" },
    });
    expect([...(targets[1]?.tags ?? [])]).toContain("greet");
    expect([...(targets[1]?.tags ?? [])]).toContain("extra");
  });

  it("matches system tag ids case-insensitively and other tags exactly", () => {
    const targets = installationTargets(appleDevice("Dev1", ["Sports"]));
    const match = (text: string) =>
      selectTargets(targets, { platform: "apns", expression: parseTagExpression(text) });
    expect(match("$InstallationId:{DEV1}")).toHaveLength(1);
    expect(match("Sports")).toHaveLength(1);
    expect(match("sports")).toHaveLength(0);
  });

  it("keeps native and template targets apart", () => {
    const targets = installationTargets({
      ...appleDevice("t"),
      templates: { one: { body: "{}" } },
    });
    expect(
      selectTargets(targets, { platform: "apns", expression: undefined }).map((t) => t.template),
    ).toEqual([undefined]);
    expect(
      selectTargets(targets, { platform: undefined, expression: undefined }).map(
        (t) => t.template?.name,
      ),
    ).toEqual(["one"]);
  });

  it("reads a browser push channel's endpoint from an object or JSON text", () => {
    const subscription = { endpoint: "https://push.example/1", p256dh: "k", auth: "a" };
    expect(
      pushChannelText({ installationId: "b", platform: "browser", pushChannel: subscription }),
    ).toBe("https://push.example/1");
    expect(
      pushChannelText({
        installationId: "b",
        platform: "browser",
        pushChannel: JSON.stringify(subscription),
      }),
    ).toBe("https://push.example/1");
    expect(
      pushChannelText({ installationId: "b", platform: "browser", pushChannel: "https://x" }),
    ).toBe("https://x");
  });
});
