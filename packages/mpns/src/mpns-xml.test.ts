import { PayloadValidationError } from "@nhub/core";
import { describe, expect, it } from "vitest";
import { xmlOutline } from "./mpns-xml.js";

function refusal(xml: string): string {
  try {
    xmlOutline(xml);
  } catch (error) {
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${xml}`);
}

describe("xmlOutline", () => {
  it("returns the root, its attributes and its child elements only", () => {
    const { root, children } = xmlOutline(
      '\ufeff<?xml version="1.0" encoding="utf-8"?>\n<!-- c --><wp:Notification xmlns:wp="WPNotification" Version=\'2.0\'><wp:Toast><wp:Text1>a &amp; b</wp:Text1></wp:Toast><!-- x --><wp:Tile Id="/x?a=1&amp;b=2"/></wp:Notification>\n',
    );
    expect(root.name).toBe("wp:Notification");
    expect([...root.attributes]).toEqual([
      ["xmlns:wp", "WPNotification"],
      ["Version", "2.0"],
    ]);
    expect(children.map((child) => child.name)).toEqual(["wp:Toast", "wp:Tile"]);
    expect(children[1]?.attributes.get("Id")).toBe("/x?a=1&amp;b=2");
  });

  it("keeps attribute names such as __proto__ as plain data", () => {
    expect(xmlOutline('<a __proto__="x"/>').root.attributes.get("__proto__")).toBe("x");
  });

  it.each([
    ["an empty document", "", "no root element"],
    ["text before the root", "x<a/>", "text outside the root element at character 0"],
    ["two roots", "<a/><b/>", "a tag outside the root element at character 4"],
    ["an unclosed element", "<a><b></a>", "expected </b> at character 6"],
    ["a never-closed root", "<a>", "expected </a> at character 3"],
    ["an unquoted attribute", "<a b=c/>", "malformed markup"],
    ["a repeated attribute", "<a b='1' b='2'/>", "a repeated attribute b"],
    ["a bare &", "<a>&</a>", "a bare & or < (write &amp; or &lt;)"],
    ["< in an attribute", "<a b='<'/>", "a bare & or <"],
    ["a DOCTYPE", "<!DOCTYPE a><a/>", "a DOCTYPE (not allowed)"],
    ["a late declaration", "<a/><?xml version='1.0'?>", "an XML declaration not at the start"],
    ["a control character", "<a>\u0007</a>", "a character not allowed in XML"],
    ["malformed markup", "<a><!-- </a>", "malformed markup"],
  ])("refuses %s", (_name, xml, message) => {
    const text = refusal(xml);
    expect(text).toMatch(/^\[@nhub\/mpns\] the payload is not well-formed XML: /);
    expect(text).toContain(message);
  });
});
