import { describe, expect, it } from "vitest";
import { byteLength } from "./wns-error.js";

describe("byteLength", () => {
  it.each([
    ["ascii", "<toast/>"],
    ["two-byte", "café ü"],
    ["three-byte", "通知 €"],
    ["surrogate pair", "🎉 party 🎉"],
    ["lone high surrogate", "a\ud83cb"],
    ["lone low surrogate", "a\udf89"],
    ["empty", ""],
  ])("counts UTF-8 bytes like the encoder does (%s)", (_name, text) => {
    expect(byteLength(text)).toBe(new TextEncoder().encode(text).byteLength);
  });

  it("counts bytes of a Uint8Array", () => {
    expect(byteLength(new Uint8Array(7))).toBe(7);
  });
});
