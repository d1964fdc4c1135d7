import { InvalidArgumentError } from "@nhub/core";
import { describe, expect, it } from "vitest";
import { continuationQuery } from "./paging.js";
import { parseServiceTime } from "./service-time.js";
import { assertXmlText, child, elements, parseXml, SB_NS, textOf, XmlWriter } from "./xml.js";

describe("XmlWriter.cdataElement", () => {
  it.each(["plain", "a]]>b", "]]>", "x]]>]]>y", "]]]]>>", ""])(
    "round-trips %j through CDATA sections",
    (body) => {
      const writer = new XmlWriter(SB_NS, "Root");
      writer.cdataElement(writer.root, SB_NS, "BodyTemplate", body);
      const xml = writer.toString();
      const el = child(parseXml(xml, "test"), "BodyTemplate", SB_NS);
      expect(el && textOf(el)).toBe(body);
    },
  );
});

describe("parseXml", () => {
  it("reads hand-written input with an undeclared prefix", () => {
    const root = parseXml(
      '<?xml version="1.0"?><entry><metadata:etag>x</metadata:etag><content/></entry>',
      "test",
    );
    expect(root.localName).toBe("entry");
    expect(elements(root).map((e) => e.localName)).toEqual(["etag", "content"]);
  });
  it("refuses broken XML with InvalidArgumentError", () => {
    expect(() => parseXml("<a><b></a>", "an entry")).toThrow(InvalidArgumentError);
    expect(() => parseXml("{}", "an entry")).toThrow(/Expected an entry/);
  });
});

describe("assertXmlText", () => {
  it("refuses control characters and lone surrogates, accepts tabs, newlines and emoji", () => {
    expect(() => assertXmlText("a\u0000b", "f")).toThrow(/XML cannot carry/);
    expect(() => assertXmlText("a\uD800b", "f")).toThrow(/XML cannot carry/);
    expect(() => assertXmlText("a\tb\nc 😀", "f")).not.toThrow();
  });
});

describe("parseServiceTime", () => {
  it.each([
    ["9999-12-31T23:59:59.999", "9999-12-31T23:59:59.999Z"],
    ["9999-12-31T23:59:59.9999999", "9999-12-31T23:59:59.999Z"],
    ["9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"],
    ["9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.999Z"],
    ["2018-11-07T16:18:32.6641371-08:00", "2018-11-08T00:18:32.664Z"],
    ["2014-12-06T01:48:55Z", "2014-12-06T01:48:55.000Z"],
  ])("%s", (text, iso) => {
    expect(parseServiceTime(text)?.toISOString()).toBe(iso);
  });
  it("gives undefined for anything else", () => {
    expect(parseServiceTime("$(expiry)")).toBeUndefined();
    expect(parseServiceTime("Wed Jan 01 2030")).toBeUndefined();
    expect(parseServiceTime(undefined)).toBeUndefined();
  });
});

describe("continuationQuery", () => {
  it("passes tokens back verbatim, whatever their hex case", () => {
    for (const token of [
      "MzEobik7Mg%3D%3D",
      "a%2Bb%2Fc",
      "plain",
      "lower%3d%3d",
      "raw+plus/slash=",
    ]) {
      expect(continuationQuery(token)).toBe(`continuationtoken=${token}`);
    }
  });

  it("encodes only what cannot stand in a query value", () => {
    expect(continuationQuery("a&b#c d")).toBe("continuationtoken=a%26b%23c%20d");
  });
});
