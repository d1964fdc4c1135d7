import { assertAdapter, PayloadValidationError } from "@nhub/core";
import { describeAdapterConformance } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { BROWSER_MAX_BYTES, type BrowserPayload, browser } from "./browser-adapter.js";

/** JSON text of a payload of exactly `bytes` UTF-8 bytes, padded with two-byte characters. */
function payloadOf(bytes: number): string {
  const open = '{"title":"';
  const close = '"}';
  const fill = bytes - open.length - close.length;
  return `${open}${"é".repeat(Math.floor(fill / 2))}${fill % 2 ? "a" : ""}${close}`;
}

function refusal(payload: unknown): string {
  try {
    browser().prepare(payload as BrowserPayload, {});
  } catch (error) {
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("not refused");
}

describeAdapterConformance(browser(), {
  valid: [
    { name: "object", payload: { title: "Hi", body: "there", data: { id: 7 } } },
    { name: "JSON text", payload: '{"title":"Hi"}', options: { tags: "a" } },
    { name: "at the limit", payload: payloadOf(BROWSER_MAX_BYTES) },
  ],
  invalid: [
    { name: "too large", payload: payloadOf(BROWSER_MAX_BYTES + 1) },
    { name: "not JSON", payload: "Hi" },
    { name: "number", payload: 3 },
  ],
});

describe("browser()", () => {
  it("is a frozen v1 adapter for the browser format", () => {
    const adapter = browser();
    expect(assertAdapter(adapter)).toBe(adapter);
    expect(adapter).toMatchObject({
      specificationVersion: "v1",
      format: "browser",
      name: "@nhub/browser",
    });
    expect(Object.isFrozen(adapter)).toBe(true);
  });

  it("serializes an object once and sends text unchanged", () => {
    expect(browser().prepare({ title: "Été", actions: [{ action: "a", title: "A" }] }, {})).toEqual(
      {
        body: '{"title":"Été","actions":[{"action":"a","title":"A"}]}',
        contentType: "application/json;charset=utf-8",
      },
    );
    const text = '{ "title" : "x" }';
    expect(browser().prepare(text, {}).body).toBe(text);
  });

  it("accepts exactly the byte limit and refuses one byte more", () => {
    expect(new TextEncoder().encode(payloadOf(BROWSER_MAX_BYTES)).byteLength).toBe(
      BROWSER_MAX_BYTES,
    );
    expect(browser().prepare(payloadOf(BROWSER_MAX_BYTES), {}).body).toBe(
      payloadOf(BROWSER_MAX_BYTES),
    );
    expect(refusal(payloadOf(BROWSER_MAX_BYTES + 1))).toBe(
      `[@nhub/browser] the payload must be at most ${BROWSER_MAX_BYTES} bytes UTF-8 (Web Push), got ${BROWSER_MAX_BYTES + 1}`,
    );
    expect(refusal(JSON.parse(payloadOf(BROWSER_MAX_BYTES + 1)))).toMatch(/got 3994$/);
  });

  it("refuses payloads that are not JSON objects", () => {
    expect(refusal(null)).toBe(
      "[@nhub/browser] the payload must be an object or a JSON string, got null",
    );
    expect(refusal("[1]")).toBe(
      "[@nhub/browser] the payload string must hold a JSON object, got an array",
    );
    expect(refusal("{")).toBe(
      "[@nhub/browser] the payload string must hold a JSON object, got text that is not valid JSON",
    );
  });
});
