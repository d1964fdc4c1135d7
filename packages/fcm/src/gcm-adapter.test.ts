import { assertAdapter, PayloadValidationError } from "@nhub/core";
import { describeAdapterConformance } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { FCM_MAX_BYTES } from "./fcm-v1-adapter.js";
import { type GcmPayload, gcm } from "./gcm-adapter.js";

/** JSON text of a legacy payload of exactly `bytes` UTF-8 bytes. */
function payloadOf(bytes: number): string {
  const open = '{"data":{"text":"';
  const close = '"}}';
  const fill = bytes - open.length - close.length;
  return `${open}${"é".repeat(Math.floor(fill / 2))}${fill % 2 ? "a" : ""}${close}`;
}

function refusal(payload: unknown): string {
  try {
    gcm().prepare(payload as GcmPayload, {});
  } catch (error) {
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("not refused");
}

describeAdapterConformance(gcm(), {
  valid: [
    { name: "data", payload: { data: { message: "hi", count: 2 } } },
    { name: "notification text", payload: '{"notification":{"title":"Hi"},"priority":"high"}' },
    { name: "at the limit", payload: payloadOf(FCM_MAX_BYTES) },
  ],
  invalid: [
    { name: "to", payload: { to: "device", data: {} } },
    { name: "registration_ids", payload: { registration_ids: ["a"] } },
    { name: "too large", payload: payloadOf(FCM_MAX_BYTES + 1) },
    { name: "array", payload: [] },
  ],
});

describe("gcm()", () => {
  it("is a frozen v1 adapter for the gcm format", () => {
    const adapter = gcm();
    expect(assertAdapter(adapter)).toBe(adapter);
    expect(adapter).toMatchObject({ specificationVersion: "v1", format: "gcm", name: "@nhub/fcm" });
    expect(Object.isFrozen(adapter)).toBe(true);
  });

  it("serializes an object once and sends text unchanged", () => {
    expect(gcm().prepare({ data: { a: 1 } }, {})).toEqual({
      body: '{"data":{"a":1}}',
      contentType: "application/json;charset=utf-8",
    });
    const text = '{ "data": { "a": "1" } }';
    expect(gcm().prepare(text, {}).body).toBe(text);
  });

  it("refuses to, registration_ids and condition", () => {
    expect(refusal({ to: "/topics/news" })).toBe(
      '[@nhub/fcm] to is not allowed (the hub chooses the devices; use tags or a direct send), got "/topics/news"',
    );
    expect(refusal('{"registration_ids":["a","b"]}')).toMatch(
      /registration_ids is not allowed .*got an array$/,
    );
    expect(refusal({ condition: "'a' in topics" })).toMatch(/^\[@nhub\/fcm\] condition/);
  });

  it("accepts exactly 4096 bytes and refuses 4097", () => {
    expect(gcm().prepare(payloadOf(FCM_MAX_BYTES), {}).body).toBe(payloadOf(4096));
    expect(refusal(payloadOf(FCM_MAX_BYTES + 1))).toBe(
      "[@nhub/fcm] the payload must be at most 4096 bytes UTF-8, got 4097",
    );
  });
});
