import { describe, expect, it } from "vitest";
import { PayloadValidationError } from "./errors.js";
import { describeValue, isJsonObject, readJsonPayload, utf8ByteLength } from "./payload-kit.js";

const refuse = (message: string): never => {
  throw new PayloadValidationError(`[test] ${message}`);
};

describe("payload kit", () => {
  it("keeps a JSON string byte for byte and serializes an object once", () => {
    expect(readJsonPayload('{ "a" : 1 }', refuse)).toEqual({
      text: '{ "a" : 1 }',
      value: { a: 1 },
    });
    expect(readJsonPayload({ a: "x" }, refuse)).toEqual({ text: '{"a":"x"}', value: { a: "x" } });
  });

  it.each([["not json"], ["[1,2]"], [42], [null], [[1]], [new Uint8Array(1)]])(
    "refuses %j with a PayloadValidationError",
    (payload) => {
      expect(() => readJsonPayload(payload, refuse)).toThrow(/^\[test\] the payload/);
    },
  );

  it("refuses objects JSON cannot serialize", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => readJsonPayload(cyclic, refuse)).toThrow(/cannot be serialized/);
  });

  it("recognises JSON objects only", () => {
    expect(isJsonObject({})).toBe(true);
    expect([null, [], "x", new Uint8Array(1)].some(isJsonObject)).toBe(false);
  });

  it("describes values briefly and never whole", () => {
    expect(describeValue("x".repeat(100))).toBe(JSON.stringify(`${"x".repeat(37)}...`));
    expect(describeValue(() => 1)).toBe("a function");
    expect(describeValue(3n)).toBe("3n");
    expect(describeValue([1])).toBe("an array");
    expect(describeValue({ secret: "k" })).toBe("an object");
  });

  it.each(["ascii", "café", "通知 €", "🎉 🎉", "a\ud83cb", "a\udf89", ""])(
    "counts UTF-8 bytes like TextEncoder (%j)",
    (text) => {
      expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).byteLength);
    },
  );
});
