import { assertAdapter, PayloadValidationError } from "@nhub/core";
import { describeAdapterConformance } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { type AdmPayload, adm } from "./adm-adapter.js";

function refusal(payload: unknown): string {
  try {
    adm().prepare(payload as AdmPayload, {});
  } catch (error) {
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("not refused");
}

describeAdapterConformance(adm(), {
  valid: [
    { name: "data", payload: { data: { title: "Hi" } } },
    {
      name: "every field",
      payload: { data: {}, consolidationKey: "score", expiresAfter: 60 },
      options: { tags: "a" },
    },
    { name: "JSON text", payload: '{"data":{"a":"1"},"expiresAfter":1}' },
  ],
  invalid: [
    { name: "no data", payload: { consolidationKey: "x" } },
    { name: "number in data", payload: { data: { n: 1 } } },
    { name: "zero expiresAfter", payload: { data: {}, expiresAfter: 0 } },
    { name: "not JSON", payload: "data" },
  ],
});

describe("adm()", () => {
  it("is a frozen v1 adapter for the adm format", () => {
    const adapter = adm();
    expect(assertAdapter(adapter)).toBe(adapter);
    expect(adapter).toMatchObject({ specificationVersion: "v1", format: "adm", name: "@nhub/adm" });
    expect(Object.isFrozen(adapter)).toBe(true);
  });

  it("serializes an object once as application/json and sends text unchanged", () => {
    expect(adm().prepare({ data: { title: "Été" }, consolidationKey: "k" }, {})).toEqual({
      body: '{"data":{"title":"Été"},"consolidationKey":"k"}',
      contentType: "application/json",
    });
    const text = '{ "data" : { } }';
    expect(adm().prepare(text, {}).body).toBe(text);
  });

  it("requires data, an object of strings", () => {
    expect(refusal({})).toBe("[@nhub/adm] the payload needs a data object of strings, got none");
    expect(refusal({ data: "hi" })).toBe('[@nhub/adm] data must be an object of strings, got "hi"');
    expect(refusal('{"data":{"count":3}}')).toBe("[@nhub/adm] data.count must be a string, got 3");
    expect(refusal({ data: { nested: { a: "b" } } })).toBe(
      "[@nhub/adm] data.nested must be a string, got an object",
    );
  });

  it("checks consolidationKey and expiresAfter", () => {
    expect(refusal({ data: {}, consolidationKey: 5 })).toBe(
      "[@nhub/adm] consolidationKey must be a string, got 5",
    );
    for (const expiresAfter of [0, -1, 1.5, "60"]) {
      expect(refusal({ data: {}, expiresAfter })).toMatch(
        /^\[@nhub\/adm\] expiresAfter must be a positive whole number of seconds, got /,
      );
    }
    expect(adm().prepare({ data: {}, expiresAfter: 1 }, {}).body).toBe(
      '{"data":{},"expiresAfter":1}',
    );
  });

  it("refuses payloads that are not JSON objects", () => {
    expect(refusal(7)).toBe("[@nhub/adm] the payload must be an object or a JSON string, got 7");
    expect(refusal('"text"')).toBe(
      '[@nhub/adm] the payload string must hold a JSON object, got "text"',
    );
  });
});
