import { PayloadValidationError, xmlOutline } from "@nhub/core";
import { describe, expect, it } from "vitest";
import { refuse } from "./wns-error.js";

/** The root element's name, as the adapter reads it (core's scanner with wns's refusals). */
const xmlRoot = (xml: string): string => xmlOutline(xml, refuse).root.name;

function refusal(xml: string): string {
  try {
    xmlRoot(xml);
  } catch (error) {
    expect(PayloadValidationError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${xml}`);
}

describe("xmlRoot", () => {
  it.each([
    ["a bare root", "<toast></toast>", "toast"],
    ["a self-closing root", '<badge value="3"/>', "badge"],
    ["a root with attributes", `<toast launch="x" duration='long'><visual/></toast>`, "toast"],
    ["a BOM", '\ufeff<tile><visual version="2"/></tile>', "tile"],
    ["a declaration", '<?xml version="1.0" encoding="utf-8"?><toast/>', "toast"],
    ["a BOM and a declaration", '\ufeff<?xml version="1.0"?>\n<toast/>', "toast"],
    [
      "comments, PIs and whitespace",
      '<?xml version="1.0"?>\n<!-- a -->\r\n\t<?pi data?>  <badge value="1"/>\n<!-- z -->\n',
      "badge",
    ],
    ["a prefixed root", '<x:toast xmlns:x="urn:x"/>', "x:toast"],
    [
      "entity and character references",
      "<toast><text>a &amp; b &lt; &#233; &#xE9; &quot;&apos;&gt;</text></toast>",
      "toast",
    ],
    ["references in attributes", '<toast launch="a=1&amp;b=2&#38;c" x="&lt;&gt;"/>', "toast"],
    ["CDATA", "<toast><text><![CDATA[a < b & c]]></text></toast>", "toast"],
    ["spaces inside tags", '<toast  launch = "x"\n>text</toast >', "toast"],
    ["names with digits, dots and dashes", "<toast><a-1.b_c/></toast>", "toast"],
    ["non-ASCII text and names", "<toast><texte>Été ☀️</texte></toast>", "toast"],
  ])("finds the root after %s", (_name, xml, root) => {
    expect(xmlRoot(xml)).toBe(root);
  });

  it.each([
    ["an empty document", "", "no root element"],
    ["whitespace only", "  \n", "no root element"],
    ["a comment only", "<!-- x -->", "no root element"],
    ["text before the root", "hi<toast/>", "text outside the root element at character 0"],
    ["text after the root", "<toast/>hi", "text outside the root element at character 8"],
    ["two roots", "<toast/><tile/>", "a tag outside the root element at character 8"],
    ["an unclosed root", "<toast><visual></visual>", "expected </toast> at character 24"],
    [
      "a mismatched end tag",
      "<toast><visual></binding></toast>",
      'expected </visual> at character 15 (near "</binding></toast>")',
    ],
    ["a stray end tag", "</toast>", "a tag outside the root element at character 0"],
    [
      "an unquoted attribute",
      "<toast launch=x/>",
      "malformed markup or a bare & or < (write &amp; or &lt;) at character 0",
    ],
    ["an attribute without value", "<toast launch/>", "malformed markup"],
    ["a repeated attribute", '<toast a="1" a="2"/>', "a repeated attribute a"],
    ["attributes without space", '<toast a="1"b="2"/>', "malformed markup"],
    ["an unclosed attribute value", '<toast a="1/>', "malformed markup"],
    ["< in an attribute", '<toast a="<"/>', "a bare & or < (write &amp; or &lt;) at character 0"],
    [
      "a bare & in an attribute",
      '<toast launch="a=1&b=2"/>',
      "a bare & or < (write &amp; or &lt;) at character 0",
    ],
    [
      "a bare & in text",
      "<toast>fish & chips</toast>",
      "a bare & or < (write &amp; or &lt;) at character 12",
    ],
    ["an HTML entity", "<toast>&nbsp;</toast>", "a bare & or < (write &amp; or &lt;)"],
    [
      "a bad name",
      "<1toast/>",
      "malformed markup or a bare & or < (write &amp; or &lt;) at character 0",
    ],
    [
      "a space after <",
      "< toast/>",
      "malformed markup or a bare & or < (write &amp; or &lt;) at character 0",
    ],
    ["a DOCTYPE", "<!DOCTYPE toast><toast/>", "a DOCTYPE (not allowed) at character 0"],
    [
      "a late XML declaration",
      '<!-- c --><?xml version="1.0"?><toast/>',
      "an XML declaration not at the start at character 10",
    ],
    [
      "an unclosed comment",
      "<toast/><!-- x",
      "malformed markup or a bare & or < (write &amp; or &lt;) at character 8",
    ],
    ["an unclosed CDATA", "<toast><![CDATA[x</toast>", "malformed markup"],
    ["CDATA outside the root", "<![CDATA[x]]><toast/>", "text outside the root element"],
    [
      "a control character",
      "<toast>\u0001</toast>",
      "a character not allowed in XML at character 7",
    ],
    ["an unterminated tag", "<toast", "malformed markup"],
  ])("refuses %s", (_name, xml, message) => {
    const text = refusal(xml);
    expect(text).toMatch(/^\[@nhub\/wns\] the payload is not well-formed XML: /);
    expect(text).toContain(message);
  });

  it("quotes at most 20 characters of the payload near the fault", () => {
    const text = refusal(`<toast>${"x".repeat(100)} & ${"y".repeat(100)}</toast>`);
    expect(text).toContain('(near "& yyyyyyyyyyyyyyyyyy")');
    expect(text).not.toContain("y".repeat(19));
  });
});
