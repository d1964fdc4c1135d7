import { assertAdapter, PayloadValidationError } from "@nhub/core";
import { describeAdapterConformance } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import {
  APNS_MAX_BYTES,
  APNS_VOIP_MAX_BYTES,
  type ApnsOptions,
  type ApnsSendOptions,
  apns,
} from "./apns-adapter.js";
import type { ApnsPayload } from "./apns-payload.js";

/** JSON text of an APNs payload of exactly `bytes` UTF-8 bytes, padded with two-byte characters. */
function payloadOf(bytes: number): string {
  const open = '{"aps":{"alert":"';
  const close = '"}}';
  const fill = bytes - open.length - close.length;
  return `${open}${"é".repeat(Math.floor(fill / 2))}${fill % 2 ? "a" : ""}${close}`;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("not refused");
}

const prepare = (payload: unknown, options: ApnsSendOptions = {}) =>
  apns().prepare(payload as ApnsPayload, options);

describeAdapterConformance(apns({ topic: "com.example.app" }), {
  valid: [
    { name: "alert object", payload: { aps: { alert: { title: "Hi", body: "there" } }, id: 7 } },
    { name: "JSON text", payload: '{"aps":{"alert":"hi"}}', options: { tags: "sports" } },
    {
      name: "every option",
      payload: { aps: { "content-available": 1 } },
      options: {
        pushType: "background",
        priority: 5,
        expiration: new Date(1_700_000_000_000),
        id: "123e4567-e89b-12d3-a456-42665544000a",
        collapseId: "score",
      },
    },
    { name: "voip at its limit", payload: payloadOf(5120), options: { pushType: "voip" } },
  ],
  invalid: [
    { name: "no aps", payload: { alert: "hi" } },
    { name: "not JSON", payload: "hello" },
    { name: "array", payload: [{ aps: {} }] },
    { name: "too large", payload: payloadOf(4097) },
    { name: "bad priority", payload: { aps: {} }, options: { priority: 7 } },
    { name: "bad push type", payload: { aps: {} }, options: { pushType: "silent" } },
  ],
});

describe("apns()", () => {
  it("is a frozen v1 adapter for the apple format", () => {
    const adapter = apns();
    expect(assertAdapter(adapter)).toBe(adapter);
    expect(adapter).toMatchObject({
      specificationVersion: "v1",
      format: "apple",
      name: "@nhub/apns",
    });
    expect(Object.isFrozen(adapter)).toBe(true);
  });

  it("serializes an object once and sends a string byte for byte", () => {
    expect(prepare({ aps: { alert: "hé" }, custom: [1] })).toEqual({
      body: '{"aps":{"alert":"hé"},"custom":[1]}',
      contentType: "application/json;charset=utf-8",
      headers: {},
    });
    const text = '{ "aps" : { "badge" : 3 } }\n';
    expect(prepare(text).body).toBe(text);
  });

  it("refuses a payload that is not a JSON object, naming what it got", () => {
    expect(refusal(() => prepare(42))).toBe(
      "[@nhub/apns] the payload must be an object or a JSON string, got 42",
    );
    expect(refusal(() => prepare("[1]"))).toBe(
      "[@nhub/apns] the payload string must hold a JSON object, got an array",
    );
    expect(refusal(() => prepare("{oops"))).toBe(
      "[@nhub/apns] the payload string must hold a JSON object, got text that is not valid JSON",
    );
    expect(refusal(() => prepare(new Uint8Array([123, 125])))).toMatch(/must be an object/);
    expect(refusal(() => prepare({ aps: {}, n: 1n }))).toMatch(/cannot be serialized to JSON/);
  });

  it("requires aps to be a dictionary", () => {
    expect(refusal(() => prepare({ data: "x" }))).toBe(
      '[@nhub/apns] the payload needs an "aps" dictionary, got none',
    );
    expect(refusal(() => prepare('{"aps":"alert"}'))).toBe(
      '[@nhub/apns] aps must be an object, got "alert"',
    );
    expect(prepare({ aps: {} }).body).toBe('{"aps":{}}');
  });

  it("checks the well-known aps keys", () => {
    const good = {
      alert: "hi",
      badge: 0,
      sound: { critical: 1, name: "default", volume: 1 },
      "thread-id": "t",
      category: "c",
      "content-available": 1,
      "mutable-content": 0,
      "target-content-id": "x",
      "interruption-level": "time-sensitive",
      "relevance-score": 1,
    } as const;
    expect(() => prepare({ aps: good })).not.toThrow();
    const cases: [string, unknown, string][] = [
      ["alert", 3, "a string or an object, got 3"],
      ["badge", -1, "a whole number >= 0, got -1"],
      ["badge", 1.5, "a whole number >= 0, got 1.5"],
      ["sound", true, "a string or an object, got true"],
      ["content-available", true, "0 or 1, got true"],
      ["mutable-content", 2, "0 or 1, got 2"],
      [
        "interruption-level",
        "urgent",
        '"passive", "active", "time-sensitive" or "critical", got "urgent"',
      ],
      ["relevance-score", 1.1, "a number from 0 to 1, got 1.1"],
      ["thread-id", 5, "a string, got 5"],
      ["category", null, "a string, got null"],
      ["target-content-id", [], "a string, got an array"],
    ];
    for (const [key, value, rule] of cases) {
      expect(refusal(() => prepare({ aps: { [key]: value } }))).toBe(
        `[@nhub/apns] aps.${key} must be ${rule}`,
      );
    }
  });

  it("accepts exactly 4096 bytes and refuses 4097", () => {
    expect(new TextEncoder().encode(payloadOf(APNS_MAX_BYTES)).byteLength).toBe(4096);
    expect(prepare(payloadOf(APNS_MAX_BYTES)).body).toBe(payloadOf(4096));
    expect(refusal(() => prepare(payloadOf(APNS_MAX_BYTES + 1)))).toBe(
      "[@nhub/apns] the payload must be at most 4096 bytes UTF-8, got 4097",
    );
    const object = JSON.parse(payloadOf(APNS_MAX_BYTES + 1)) as ApnsPayload;
    expect(refusal(() => prepare(object))).toMatch(/at most 4096 bytes UTF-8, got 4097$/);
  });

  it("allows 5120 bytes for voip and refuses 5121", () => {
    const voip = { pushType: "voip" } as const;
    expect(prepare(payloadOf(APNS_VOIP_MAX_BYTES), voip).headers).toEqual({
      "apns-push-type": "voip",
    });
    expect(refusal(() => prepare(payloadOf(APNS_VOIP_MAX_BYTES + 1), voip))).toBe(
      "[@nhub/apns] the payload must be at most 5120 bytes UTF-8 for voip, got 5121",
    );
    expect(refusal(() => prepare(payloadOf(4097), { pushType: "alert" }))).toMatch(/4096/);
  });
});

describe("apns options", () => {
  const headers = (options: ApnsSendOptions) => prepare({ aps: {} }, options).headers;

  it("maps every option to its header", () => {
    expect(
      headers({
        pushType: "alert",
        priority: 10,
        expiration: 1_700_000_000,
        topic: "com.example.app",
        id: "123E4567-E89B-12D3-A456-42665544000A",
        collapseId: "x".repeat(64),
      }),
    ).toEqual({
      "apns-push-type": "alert",
      "apns-priority": "10",
      "apns-expiration": "1700000000",
      "apns-topic": "com.example.app",
      "apns-id": "123E4567-E89B-12D3-A456-42665544000A",
      "apns-collapse-id": "x".repeat(64),
    });
  });

  it("accepts each of the nine push types and refuses others", () => {
    for (const pushType of [
      "alert",
      "background",
      "voip",
      "complication",
      "fileprovider",
      "mdm",
      "location",
      "liveactivity",
      "pushtotalk",
    ] as const) {
      expect(headers({ pushType })?.["apns-push-type"]).toBe(pushType);
    }
    expect(refusal(() => headers({ pushType: "Alert" as "alert" }))).toBe(
      '[@nhub/apns] apns-push-type must be one of alert, background, voip, complication, fileprovider, mdm, location, liveactivity, pushtotalk, got "Alert"',
    );
  });

  it("accepts priority 5 or 10 only, and background only with 5", () => {
    expect(headers({ priority: 5 })).toEqual({ "apns-priority": "5" });
    expect(refusal(() => headers({ priority: 7 as 5 }))).toBe(
      "[@nhub/apns] apns-priority must be 5 or 10, got 7",
    );
    expect(refusal(() => headers({ priority: "10" as unknown as 10 }))).toBe(
      '[@nhub/apns] apns-priority must be 5 or 10, got "10"',
    );
    expect(refusal(() => headers({ pushType: "background", priority: 10 }))).toBe(
      "[@nhub/apns] apns-priority must be 5 for apns-push-type background, got 10",
    );
    expect(headers({ pushType: "background" })).toEqual({
      "apns-push-type": "background",
      "apns-priority": "5",
    });
  });

  it("takes expiration as whole epoch seconds or a Date", () => {
    expect(headers({ expiration: 0 })).toEqual({ "apns-expiration": "0" });
    expect(headers({ expiration: new Date("2030-01-01T00:00:00.999Z") })).toEqual({
      "apns-expiration": "1893456000",
    });
    expect(refusal(() => headers({ expiration: 1.5 }))).toBe(
      "[@nhub/apns] apns-expiration must be whole epoch seconds (or a Date), got 1.5",
    );
    expect(refusal(() => headers({ expiration: -1 }))).toMatch(/got -1$/);
    expect(refusal(() => headers({ expiration: 1_700_000_000_000 }))).toBe(
      "[@nhub/apns] apns-expiration must be epoch seconds, got 1700000000000, which looks like milliseconds (divide by 1000)",
    );
    expect(refusal(() => headers({ expiration: new Date("nope") }))).toBe(
      "[@nhub/apns] apns-expiration must be a valid Date, got an invalid Date",
    );
    expect(refusal(() => headers({ expiration: new Date(-5000) }))).toBe(
      "[@nhub/apns] apns-expiration must be after 1970, got 1969-12-31T23:59:55.000Z",
    );
  });

  it("checks topic, id and collapseId", () => {
    expect(refusal(() => headers({ topic: "" }))).toBe(
      '[@nhub/apns] apns-topic must be a non-empty string without spaces, got ""',
    );
    expect(refusal(() => headers({ topic: "com.example app" }))).toMatch(/apns-topic/);
    expect(refusal(() => headers({ id: "not-a-uuid" }))).toBe(
      '[@nhub/apns] apns-id must be a UUID such as 123e4567-e89b-12d3-a456-42665544000a, got "not-a-uuid"',
    );
    expect(refusal(() => headers({ id: "123e4567e89b12d3a45642665544000a" }))).toMatch(/apns-id/);
    expect(refusal(() => headers({ collapseId: "x".repeat(65) }))).toBe(
      "[@nhub/apns] apns-collapse-id must be 1 to 64 bytes, got 65",
    );
    expect(refusal(() => headers({ collapseId: "" }))).toMatch(/1 to 64 bytes, got 0$/);
    expect(refusal(() => headers({ collapseId: "é" }))).toBe(
      '[@nhub/apns] apns-collapse-id must be a string of printable ASCII, got "é"',
    );
  });

  it("uses factory settings as defaults that per-send options override", () => {
    const settings: ApnsOptions = { topic: "com.example.app", priority: 5 };
    const adapter = apns(settings);
    expect(adapter.prepare({ aps: {} }, { priority: 10 }).headers).toEqual({
      "apns-topic": "com.example.app",
      "apns-priority": "10",
    });
    expect(adapter.prepare({ aps: {} }, {}).headers).toEqual({
      "apns-topic": "com.example.app",
      "apns-priority": "5",
    });
    expect(settings).toEqual({ topic: "com.example.app", priority: 5 });
  });

  it("refuses invalid factory settings at once", () => {
    expect(refusal(() => apns({ priority: 1 as 5 }))).toBe(
      "[@nhub/apns] apns-priority must be 5 or 10, got 1",
    );
    expect(refusal(() => apns({ pushType: "background", priority: 10 }))).toMatch(/background/);
  });
});
