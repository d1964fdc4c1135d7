import { assertAdapter, PayloadValidationError } from "@nhub/core";
import { describeAdapterConformance } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { type BaiduMessageType, type BaiduPayload, baidu } from "./baidu-adapter.js";

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("not refused");
}

const prepare = (payload: unknown, messageType?: unknown) =>
  baidu().prepare(payload as BaiduPayload, { messageType: messageType as BaiduMessageType });

describeAdapterConformance(baidu(), {
  valid: [
    { name: "android notification", payload: { title: "Hi", description: "there" } },
    { name: "ios", payload: { aps: { alert: "Hi" } }, options: { messageType: 1 } },
    { name: "JSON text", payload: '{"key":"value"}', options: { messageType: 0 } },
  ],
  invalid: [
    { name: "bad message type", payload: {}, options: { messageType: 2 } },
    { name: "not JSON", payload: "hello" },
    { name: "array", payload: [] },
  ],
});

describe("baidu()", () => {
  it("is a frozen v1 adapter for the baidu format", () => {
    const adapter = baidu();
    expect(assertAdapter(adapter)).toBe(adapter);
    expect(adapter).toMatchObject({
      specificationVersion: "v1",
      format: "baidu",
      name: "@nhub/baidu",
    });
    expect(Object.isFrozen(adapter)).toBe(true);
  });

  it("serializes an object once and sends text unchanged", () => {
    expect(prepare({ title: "Été" })).toEqual({
      body: '{"title":"Été"}',
      contentType: "application/json;charset=utf-8",
      headers: {},
    });
    const text = '{ "description" : "x" }';
    expect(prepare(text).body).toBe(text);
  });

  it("sends messageType 0 or 1 as X-Baidu-Message-Type and refuses other values", () => {
    expect(prepare({}, 0).headers).toEqual({ "X-Baidu-Message-Type": "0" });
    expect(prepare({}, 1).headers).toEqual({ "X-Baidu-Message-Type": "1" });
    expect(refusal(() => prepare({}, 2))).toBe(
      "[@nhub/baidu] X-Baidu-Message-Type must be 0 (message) or 1 (notification), got 2",
    );
    expect(refusal(() => prepare({}, "1"))).toMatch(/got "1"$/);
  });

  it("uses the factory messageType as a default that a send overrides", () => {
    const adapter = baidu({ messageType: 1 });
    expect(adapter.prepare({}, {}).headers).toEqual({ "X-Baidu-Message-Type": "1" });
    expect(adapter.prepare({}, { messageType: 0 }).headers).toEqual({
      "X-Baidu-Message-Type": "0",
    });
    expect(refusal(() => baidu({ messageType: 3 as BaiduMessageType }))).toMatch(/got 3$/);
  });

  it("refuses payloads that are not JSON objects", () => {
    expect(refusal(() => prepare(true))).toBe(
      "[@nhub/baidu] the payload must be an object or a JSON string, got true",
    );
    expect(refusal(() => prepare("null"))).toBe(
      "[@nhub/baidu] the payload string must hold a JSON object, got null",
    );
  });
});
