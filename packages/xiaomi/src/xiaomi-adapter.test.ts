import { assertAdapter, PayloadValidationError } from "@nhub/core";
import { describeAdapterConformance } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { XIAOMI_MAX_BYTES, type XiaomiPayload, xiaomi } from "./xiaomi-adapter.js";

/** JSON text of a payload of exactly `bytes` UTF-8 bytes, padded with two-byte characters. */
function payloadOf(bytes: number): string {
  const open = '{"title":"';
  const close = '"}';
  const fill = bytes - open.length - close.length;
  return `${open}${"é".repeat(Math.floor(fill / 2))}${fill % 2 ? "a" : ""}${close}`;
}

function refusal(payload: unknown): string {
  try {
    xiaomi().prepare(payload as XiaomiPayload, {});
  } catch (error) {
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("not refused");
}

describeAdapterConformance(xiaomi(), {
  valid: [
    { name: "object", payload: { title: "Hi", description: "there", extra: { id: "7" } } },
    { name: "JSON text", payload: '{"title":"Hi"}', options: { tags: "a" } },
    { name: "at the limit", payload: payloadOf(XIAOMI_MAX_BYTES) },
  ],
  invalid: [
    { name: "too large", payload: payloadOf(XIAOMI_MAX_BYTES + 1) },
    { name: "not JSON", payload: "Hi" },
    { name: "number", payload: 3 },
  ],
});

describe("xiaomi()", () => {
  it("is a frozen v1 adapter for the xiaomi format", () => {
    const adapter = xiaomi();
    expect(assertAdapter(adapter)).toBe(adapter);
    expect(adapter).toMatchObject({
      specificationVersion: "v1",
      format: "xiaomi",
      name: "@nhub/xiaomi",
    });
    expect(Object.isFrozen(adapter)).toBe(true);
  });

  it("serializes an object once and sends text unchanged", () => {
    expect(xiaomi().prepare({ title: "Été", pass_through: 0 }, {})).toEqual({
      body: '{"title":"Été","pass_through":0}',
      contentType: "application/json;charset=utf-8",
    });
    const text = '{ "title" : "x" }';
    expect(xiaomi().prepare(text, {}).body).toBe(text);
  });

  it("accepts exactly the byte limit and refuses one byte more", () => {
    expect(new TextEncoder().encode(payloadOf(XIAOMI_MAX_BYTES)).byteLength).toBe(XIAOMI_MAX_BYTES);
    expect(xiaomi().prepare(payloadOf(XIAOMI_MAX_BYTES), {}).body).toBe(
      payloadOf(XIAOMI_MAX_BYTES),
    );
    expect(refusal(payloadOf(XIAOMI_MAX_BYTES + 1))).toBe(
      `[@nhub/xiaomi] the payload must be at most ${XIAOMI_MAX_BYTES} bytes UTF-8, got ${XIAOMI_MAX_BYTES + 1}`,
    );
    expect(refusal(JSON.parse(payloadOf(XIAOMI_MAX_BYTES + 1)))).toMatch(/got 4097$/);
  });

  it("refuses payloads that are not JSON objects", () => {
    expect(refusal(null)).toBe(
      "[@nhub/xiaomi] the payload must be an object or a JSON string, got null",
    );
    expect(refusal("[1]")).toBe(
      "[@nhub/xiaomi] the payload string must hold a JSON object, got an array",
    );
    expect(refusal("{")).toBe(
      "[@nhub/xiaomi] the payload string must hold a JSON object, got text that is not valid JSON",
    );
  });
});
