import { assertAdapter, PayloadValidationError } from "@nhub/core";
import { describeAdapterConformance } from "@nhub/core/testing";
import { describe, expect, it } from "vitest";
import { TEMPLATE_MAX_BYTES, type TemplatePayload, template } from "./template-adapter.js";

function refusal(payload: unknown): string {
  try {
    template().prepare(payload as TemplatePayload, {});
  } catch (error) {
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("not refused");
}

/** A one-property payload whose JSON is exactly `bytes` UTF-8 bytes. */
function propertiesOf(bytes: number): Record<string, string> {
  const fill = bytes - '{"p":""}'.length;
  return { p: `${"é".repeat(Math.floor(fill / 2))}${fill % 2 ? "a" : ""}` };
}

describeAdapterConformance(template(), {
  valid: [
    { name: "strings", payload: { News_English: "Hello", News_French: "Bonjour" } },
    { name: "numbers and booleans", payload: { count: 3, urgent: true } },
    { name: "JSON text", payload: '{"title":"hi"}', options: { tags: "world" } },
    { name: "no properties", payload: {} },
  ],
  invalid: [
    { name: "nested", payload: { a: { b: "c" } } },
    { name: "array", payload: ["a"] },
    { name: "not JSON", payload: "hello" },
    { name: "NaN", payload: { n: Number.NaN } },
  ],
});

describe("template()", () => {
  it("is a frozen v1 adapter for the template format", () => {
    const adapter = template();
    expect(assertAdapter(adapter)).toBe(adapter);
    expect(adapter).toMatchObject({
      specificationVersion: "v1",
      format: "template",
      name: "@nhub/template",
    });
    expect(Object.isFrozen(adapter)).toBe(true);
  });

  it("serializes string properties as a JSON object without platform headers", () => {
    expect(template().prepare({ News_English: "Hello", News_French: "Été" }, {})).toEqual({
      body: '{"News_English":"Hello","News_French":"Été"}',
      contentType: "application/json;charset=utf-8",
    });
  });

  it("turns finite numbers and booleans into strings", () => {
    expect(
      template().prepare({ count: 40, ratio: -0.5, big: 1e21, yes: true, no: false }, {}).body,
    ).toBe('{"count":"40","ratio":"-0.5","big":"1e+21","yes":"true","no":"false"}');
  });

  it("sends a JSON string of string properties byte for byte, never serializing it again", () => {
    const text = '{ "title" : "Hi \\u00e9",\n  "body": "x" }';
    expect(template().prepare(text, {}).body).toBe(text);
  });

  it("normalizes a JSON string whose values need converting", () => {
    expect(template().prepare('{"count": 3, "title": "x"}', {}).body).toBe(
      '{"count":"3","title":"x"}',
    );
  });

  it("accepts objects without a prototype", () => {
    const properties = Object.assign(Object.create(null) as Record<string, string>, { a: "b" });
    expect(template().prepare(properties, {}).body).toBe('{"a":"b"}');
  });

  it.each([
    [
      "a nested object",
      { ok: "1", headline: { en: "x" } },
      'property "headline" must be a string, a finite number or a boolean; got an object',
    ],
    [
      "an array value",
      { tags: ["a"] },
      'property "tags" must be a string, a finite number or a boolean; got an array',
    ],
    [
      "null",
      { title: null },
      'property "title" must be a string, a finite number or a boolean; got null',
    ],
    [
      "undefined",
      { title: undefined },
      'property "title" must be a string, a finite number or a boolean; got undefined',
    ],
    [
      "NaN",
      { count: Number.NaN },
      'property "count" must be a string, a finite number or a boolean; got NaN',
    ],
    [
      "Infinity",
      { count: Number.POSITIVE_INFINITY },
      'property "count" must be a string, a finite number or a boolean; got Infinity',
    ],
    [
      "a bigint",
      { count: 1n },
      'property "count" must be a string, a finite number or a boolean; got 1n',
    ],
    [
      "a function",
      { f: () => 1 },
      'property "f" must be a string, a finite number or a boolean; got a function',
    ],
    ["an empty name", { "": "x" }, "property names must not be empty"],
    [
      "names differing only in case",
      { Title: "a", title: "b" },
      'properties "Title" and "title" differ only in case; the hub matches names case-insensitively',
    ],
  ])("refuses %s naming the property", (_name, payload, message) => {
    expect(refusal(payload)).toBe(`[@nhub/template] ${message}`);
  });

  it.each([
    ["an array", ["a"], "got an array"],
    ["null", null, "got null"],
    ["a number", 42, "got 42"],
    ["a Map", new Map([["a", "b"]]), "got an object"],
    ["a Date", new Date(0), "got an object"],
  ])("refuses %s as the payload", (_name, payload, message) => {
    expect(refusal(payload)).toBe(
      `[@nhub/template] the payload must be a flat object of properties; ${message}`,
    );
  });

  it("refuses a string that is not JSON without echoing it", () => {
    const message = refusal("secret-ish text");
    expect(message).toBe(
      "[@nhub/template] a string payload must be the JSON text of an object of properties; it is not valid JSON",
    );
  });

  it("refuses JSON text that is not a flat object", () => {
    expect(refusal('"a string"')).toContain('got "a string"');
    expect(refusal("[1]")).toContain("got an array");
    expect(refusal('{"a":{"b":1}}')).toContain('property "a" must be');
    expect(refusal('{"a":null}')).toContain("got null");
  });

  it("accepts a body of exactly 65536 bytes and refuses 65537", () => {
    const fits = propertiesOf(TEMPLATE_MAX_BYTES);
    const body = template().prepare(fits, {}).body as string;
    expect(Buffer.byteLength(body)).toBe(TEMPLATE_MAX_BYTES);
    expect(refusal(propertiesOf(TEMPLATE_MAX_BYTES + 1))).toBe(
      "[@nhub/template] the body is 65537 bytes; the hub accepts at most 65536",
    );
    expect(refusal(JSON.stringify(propertiesOf(TEMPLATE_MAX_BYTES + 1)))).toContain("65537 bytes");
  });

  it("ignores send options, tags included", () => {
    expect(template().prepare({ a: "b" }, { tags: "world" })).toEqual({
      body: '{"a":"b"}',
      contentType: "application/json;charset=utf-8",
    });
  });
});
