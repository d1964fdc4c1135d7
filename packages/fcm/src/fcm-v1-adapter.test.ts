import { assertAdapter, PayloadValidationError } from "@nhub/core";
import { describeAdapterConformance } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { FCM_MAX_BYTES, fcmV1 } from "./fcm-v1-adapter.js";
import type { FcmV1Payload } from "./fcm-v1-payload.js";

/** JSON text of an FCM v1 envelope of exactly `bytes` UTF-8 bytes. */
function envelopeOf(bytes: number): string {
  const open = '{"message":{"data":{"text":"';
  const close = '"}}}';
  const fill = bytes - open.length - close.length;
  return `${open}${"é".repeat(Math.floor(fill / 2))}${fill % 2 ? "a" : ""}${close}`;
}

function refusal(payload: unknown): string {
  try {
    fcmV1().prepare(payload as FcmV1Payload, {});
  } catch (error) {
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("not refused");
}

const body = (payload: unknown) => fcmV1().prepare(payload as FcmV1Payload, {}).body;

describeAdapterConformance(fcmV1(), {
  valid: [
    { name: "envelope", payload: { message: { notification: { title: "Hi" } } } },
    { name: "bare message", payload: { data: { id: "7" } }, options: { tags: "a" } },
    { name: "JSON text", payload: '{"message":{"android":{"priority":"HIGH"}}}' },
    { name: "at the limit", payload: envelopeOf(FCM_MAX_BYTES) },
  ],
  invalid: [
    { name: "token", payload: { message: { token: "abc" } } },
    { name: "topic", payload: { topic: "news" } },
    { name: "number in data", payload: { message: { data: { n: 1 } } } },
    { name: "too large", payload: envelopeOf(FCM_MAX_BYTES + 1) },
    { name: "not JSON", payload: "message" },
  ],
});

describe("fcmV1()", () => {
  it("is a frozen v1 adapter for the fcmv1 format", () => {
    const adapter = fcmV1();
    expect(assertAdapter(adapter)).toBe(adapter);
    expect(adapter).toMatchObject({
      specificationVersion: "v1",
      format: "fcmv1",
      name: "@nhub/fcm",
    });
    expect(Object.isFrozen(adapter)).toBe(true);
  });

  it("sends the envelope as given and wraps a bare message", () => {
    expect(fcmV1().prepare({ message: { data: { a: "é" } } }, {})).toEqual({
      body: '{"message":{"data":{"a":"é"}}}',
      contentType: "application/json;charset=utf-8",
    });
    expect(body({ notification: { title: "Hi" } })).toBe(
      '{"message":{"notification":{"title":"Hi"}}}',
    );
    const text = '{ "message" : { "data" : { "a" : "1" } } }';
    expect(body(text)).toBe(text);
    const bare = '{ "data": { "a": "1" } }';
    expect(body(bare)).toBe(`{"message":${bare}}`);
    expect(body({})).toBe('{"message":{}}');
  });

  it("refuses token, topic and condition in the message", () => {
    expect(refusal({ message: { token: "device-token" } })).toBe(
      '[@nhub/fcm] message.token is not allowed (the hub chooses the devices; use tags or a direct send), got "device-token"',
    );
    expect(refusal('{"topic":"news"}')).toMatch(/^\[@nhub\/fcm\] message\.topic is not allowed/);
    expect(refusal({ message: { condition: "'a' in topics" } })).toMatch(/message\.condition/);
  });

  it("requires string data values in data, android.data and webpush.data", () => {
    expect(refusal({ message: { data: { count: 3 } } })).toBe(
      "[@nhub/fcm] message.data.count must be a string (FCM data values are strings), got 3",
    );
    expect(refusal({ message: { data: ["a"] } })).toBe(
      "[@nhub/fcm] message.data must be an object of strings, got an array",
    );
    expect(refusal({ message: { android: { data: { ok: true } } } })).toMatch(
      /message\.android\.data\.ok must be a string .*got true$/,
    );
    expect(refusal({ message: { webpush: { data: { x: null } } } })).toMatch(
      /message\.webpush\.data\.x must be a string .*got null$/,
    );
    expect(refusal({ message: { android: "high" } })).toBe(
      '[@nhub/fcm] message.android must be an object, got "high"',
    );
    expect(body({ message: { apns: { payload: { aps: { badge: 1 } } } } })).toBe(
      '{"message":{"apns":{"payload":{"aps":{"badge":1}}}}}',
    );
  });

  it("refuses a message that is not an object and payloads that are not JSON objects", () => {
    expect(refusal({ message: "hi" })).toBe('[@nhub/fcm] message must be an object, got "hi"');
    expect(refusal(null)).toBe(
      "[@nhub/fcm] the payload must be an object or a JSON string, got null",
    );
    expect(refusal("[]")).toBe(
      "[@nhub/fcm] the payload string must hold a JSON object, got an array",
    );
  });

  it("accepts exactly 4096 bytes and refuses 4097, counting the envelope it adds", () => {
    expect(body(envelopeOf(FCM_MAX_BYTES))).toBe(envelopeOf(4096));
    expect(refusal(envelopeOf(FCM_MAX_BYTES + 1))).toBe(
      "[@nhub/fcm] the message must be at most 4096 bytes UTF-8, got 4097",
    );
    const bare = envelopeOf(FCM_MAX_BYTES).slice('{"message":'.length, -1);
    expect(body(bare)).toBe(envelopeOf(4096));
    const bareTooLarge = envelopeOf(FCM_MAX_BYTES + 1).slice('{"message":'.length, -1);
    expect(refusal(JSON.parse(bareTooLarge))).toMatch(/got 4097$/);
  });
});
