import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appleDevice, sendApple, startTestEmulator } from "./http.test-helper.js";
import { OUTCOME_INVALID_HANDLE, OUTCOME_SUCCESS } from "./outcome-xml.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
beforeAll(async () => {
  const many = Array.from({ length: 12 }, (_, i) => appleDevice(`d${i}`, ["many"]));
  emulator = await startTestEmulator({
    installations: [
      ...many,
      appleDevice("live", ["pair"]),
      appleDevice("dead", ["pair"], { pushChannelExpired: true }),
    ],
  });
});
afterAll(() => emulator.close());

function results(xml: string): { platform: string; handle: string; id: string; outcome: string }[] {
  return [...xml.matchAll(/<RegistrationResult>(.*?)<\/RegistrationResult>/g)].map(
    ([, item = ""]) => ({
      platform: /<ApplicationPlatform>(.*?)</.exec(item)?.[1] ?? "",
      handle: /<PnsHandle>(.*?)</.exec(item)?.[1] ?? "",
      id: /<RegistrationId>(.*?)</.exec(item)?.[1] ?? "",
      outcome: /<Outcome>(.*?)</.exec(item)?.[1] ?? "",
    }),
  );
}

describe("test sends", () => {
  it("reach at most 10 of more than 10 matching devices and describe them", async () => {
    emulator.reset();
    const response = await sendApple(emulator, {
      query: "&test",
      headers: { "ServiceBusNotification-Tags": "many" },
    });
    expect(response.status).toBe(201);
    expect(response.headers["content-type"]).toBe("application/xml; charset=utf-8");
    expect(response.headers.location).toMatch(/\/demo\/messages\/NH-/);
    expect(response.text).toMatch(
      /^<NotificationOutcome xmlns:i="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance" xmlns="http:\/\/schemas\.microsoft\.com\/netservices\/2010\/10\/servicebus\/connect"><Success>10<\/Success><Failure>0<\/Failure><Results>/,
    );
    const items = results(response.text);
    expect(items).toHaveLength(10);
    expect(items[0]).toEqual({
      platform: "apple",
      handle: "token-d0",
      id: "d0",
      outcome: OUTCOME_SUCCESS,
    });
    expect(emulator.deliveries()).toHaveLength(10);
  });

  it("count an expired channel as a failure with the service's outcome text, and do not deliver to it", async () => {
    emulator.reset();
    const response = await sendApple(emulator, {
      query: "&test=true",
      headers: { "ServiceBusNotification-Tags": "pair" },
    });
    expect(response.text).toContain("<Success>1</Success><Failure>1</Failure>");
    expect(results(response.text).map((r) => [r.id, r.outcome])).toEqual([
      ["live", OUTCOME_SUCCESS],
      ["dead", "The Push Notification System handle for the registration is invalid"],
    ]);
    expect(OUTCOME_INVALID_HANDLE).toBe(
      "The Push Notification System handle for the registration is invalid",
    );
    expect(emulator.deliveries().map((d) => d.installationId)).toEqual(["live"]);
  });

  it("answer with nil results when nothing matches", async () => {
    const response = await sendApple(emulator, {
      query: "&test",
      headers: { "ServiceBusNotification-Tags": "nobody" },
    });
    expect(response.status).toBe(201);
    expect(response.text).toContain(
      '<Success>0</Success><Failure>0</Failure><Results i:nil="true"/>',
    );
  });

  it("are not test sends without the flag: every device is reached and the body is empty", async () => {
    emulator.reset();
    const response = await sendApple(emulator, {
      headers: { "ServiceBusNotification-Tags": "many" },
    });
    expect(response.text).toBe("");
    expect(emulator.deliveries()).toHaveLength(12);
    const notTest = await sendApple(emulator, {
      query: "&test=false",
      headers: { "ServiceBusNotification-Tags": "many" },
    });
    expect(notTest.text).toBe("");
  });
});
