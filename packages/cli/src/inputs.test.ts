import { describe, expect, it } from "vitest";
import { UsageError } from "./cli-error.js";
import { parseAdapterOptions, parseDeviceHandle, parseHeaders, parseTagList } from "./inputs.js";

describe("command-line inputs", () => {
  it("parses adapter options, JSON values as JSON and anything else as text", () => {
    expect(parseAdapterOptions(["ttl=3600", "type=raw", "requestForStatus=true"])).toEqual({
      ttl: 3600,
      type: "raw",
      requestForStatus: true,
    });
    expect(() => parseAdapterOptions(["=raw"])).toThrow(UsageError);
  });

  it("parses headers, keeping colons in the value", () => {
    expect(parseHeaders(["X-A: 1", "Link:http://x/y"])).toEqual({ "X-A": "1", Link: "http://x/y" });
    expect(() => parseHeaders(["Bad Name: 1"])).toThrow(/--header needs Name:Value/);
  });

  it("trims tags and refuses an empty one", () => {
    expect(parseTagList(" sports , politics")).toEqual(["sports", "politics"]);
    expect(() => parseTagList("")).toThrow(UsageError);
  });

  it("reads a browser handle as a subscription and other handles as text", () => {
    expect(parseDeviceHandle("apple", '{"x":1}')).toBe('{"x":1}');
    expect(
      parseDeviceHandle("browser", '{"endpoint":"e","p256dh":"p","auth":"a","extra":1}'),
    ).toEqual({
      endpoint: "e",
      p256dh: "p",
      auth: "a",
    });
    expect(() => parseDeviceHandle("browser", '{"endpoint":"e"}')).toThrow(
      /endpoint, p256dh and auth/,
    );
  });
});
