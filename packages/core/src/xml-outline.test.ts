import { describe, expect, it } from "vitest";
import { PayloadValidationError } from "./errors.js";
import { xmlOutline } from "./xml-outline.js";

const refuse = (message: string): never => {
  throw new PayloadValidationError(`[test] ${message}`);
};

describe("xmlOutline", () => {
  it("finds the root after a BOM, declaration, comment and PI, with its children", () => {
    const { root, children } = xmlOutline(
      '\ufeff<?xml version="1.0"?><!-- c --><?pi x?>\n<toast launch="a&amp;b"><visual><b/></visual><audio/></toast>',
      refuse,
    );
    expect(root.name).toBe("toast");
    expect(root.attributes.get("launch")).toBe("a&amp;b");
    expect(children.map((c) => c.name)).toEqual(["visual", "audio"]);
  });

  it.each([
    ["<a><b></a>", /expected <\/b> at character 6/],
    ["<a/><b/>", /a tag outside the root element/],
    ["text<a/>", /text outside/],
    ["<!DOCTYPE a><a/>", /DOCTYPE/],
    ["<a>&nbsp;</a>", /a bare & or < \(write &amp; or &lt;\) at character 3/],
    ['<a x="1" x="2"/>', /repeated attribute/],
    ["", /no root/],
  ])("refuses %j through the caller's refuse", (xml, message) => {
    expect(() => xmlOutline(xml, refuse)).toThrow(message);
    expect(() => xmlOutline(xml, refuse)).toThrow(/^\[test\] the payload is not well-formed XML/);
  });
});
