import { describe, expect, it } from "vitest";
import { MultipartError, multipartBoundary, parseMultipart } from "./multipart.js";

const BODY = [
  "--nh-batch-multipart-boundary",
  "Content-Type: application/json; charset=utf-8",
  "Content-Disposition: inline; name=notification",
  "",
  '{"aps":{"alert":"hi"}}',
  "--nh-batch-multipart-boundary",
  "Content-Type: application/json; charset=utf-8",
  'Content-Disposition: inline; name="devices"',
  "",
  '["handle1","handle2"]',
  "--nh-batch-multipart-boundary--",
  "",
].join("\r\n");

describe("multipartBoundary", () => {
  it("reads quoted and bare boundaries", () => {
    expect(multipartBoundary('multipart/mixed; boundary="nh-batch-multipart-boundary"')).toBe(
      "nh-batch-multipart-boundary",
    );
    expect(multipartBoundary("multipart/mixed;boundary=abc")).toBe("abc");
  });

  it("allows whitespace around ';' and '=' and any case of the parameter name", () => {
    expect(multipartBoundary('multipart/mixed; boundary = "nh-boundary-abc"')).toBe(
      "nh-boundary-abc",
    );
    expect(multipartBoundary('Multipart/Mixed ;\tBOUNDARY="nh-boundary-abc" ; charset=utf-8')).toBe(
      "nh-boundary-abc",
    );
    expect(multipartBoundary("multipart/mixed; charset=utf-8;Boundary=tok-en")).toBe("tok-en");
    expect(multipartBoundary('multipart/mixed; boundary="has \\"quote\\" and ; semi"')).toBe(
      'has "quote" and ; semi',
    );
  });

  it("does not take a boundary from inside another parameter's quoted value", () => {
    expect(() => multipartBoundary('multipart/mixed; x="; boundary=abc"')).toThrow(/boundary/);
  });

  it("refuses an unterminated quoted boundary or one over 70 characters", () => {
    expect(() => multipartBoundary('multipart/mixed; boundary="abc')).toThrow(MultipartError);
    expect(() => multipartBoundary(`multipart/mixed; boundary=${"a".repeat(71)}`)).toThrow(
      /70 characters/,
    );
  });

  it("refuses other content types and a missing boundary", () => {
    expect(() => multipartBoundary("application/json")).toThrow(MultipartError);
    expect(() => multipartBoundary(undefined)).toThrow(MultipartError);
    expect(() => multipartBoundary("multipart/mixed")).toThrow(/boundary/);
  });
});

describe("parseMultipart", () => {
  it("parses the wire reference's batch body", () => {
    const parts = parseMultipart(Buffer.from(BODY), "nh-batch-multipart-boundary");
    expect(parts.map((part) => part.name)).toEqual(["notification", "devices"]);
    expect(parts[0]?.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(parts[0]?.body.toString()).toBe('{"aps":{"alert":"hi"}}');
    expect(JSON.parse(parts[1]?.body.toString() ?? "")).toEqual(["handle1", "handle2"]);
  });

  it("keeps UTF-8 content byte for byte and accepts a preamble", () => {
    const body = Buffer.from(`preamble\r\n--b\r\nA: 1\r\n\r\nhé ✓\r\n--b--`);
    const parts = parseMultipart(body, "b");
    expect(parts[0]?.body.toString("utf8")).toBe("hé ✓");
    expect(parts[0]?.headers.a).toBe("1");
  });

  it("refuses LF line endings, a missing close and a missing boundary", () => {
    expect(() =>
      parseMultipart(Buffer.from(BODY.replace(/\r\n/g, "\n")), "nh-batch-multipart-boundary"),
    ).toThrow(MultipartError);
    expect(() => parseMultipart(Buffer.from("--b\r\nA: 1\r\n\r\nx"), "b")).toThrow(/closing/);
    expect(() => parseMultipart(Buffer.from("no parts here"), "b")).toThrow(/boundary/);
    expect(() => parseMultipart(Buffer.from("--b\r\nbad header\r\n\r\nx\r\n--b--"), "b")).toThrow(
      /header/,
    );
    expect(() => parseMultipart(Buffer.from("--b--"), "b")).toThrow(/no parts/);
  });
});
