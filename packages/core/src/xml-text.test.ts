import { describe, expect, it } from "vitest";
import { xmlElements, xmlText } from "./xml-text.js";

describe("xmlText / xmlElements", () => {
  it("reads an element's text by local name, whatever its prefix and attributes", () => {
    const xml = `<a:Error xmlns:a="x"><a:Code>400</a:Code><a:Detail kind="y"> bad  </a:Detail></a:Error>`;
    expect(xmlText(xml, "Detail")).toBe("bad");
    expect(xmlText(xml, "Code")).toBe("400");
    expect(xmlText(xml, "Missing")).toBeUndefined();
  });

  it("decodes entities, numeric references and CDATA, and drops comments", () => {
    expect(xmlText("<D>a &lt;b&gt; &amp; &quot;&apos; &#65;&#x42;&#X43; &nope;</D>", "D")).toBe(
      `a <b> & "' ABC &nope;`,
    );
    expect(xmlText("<D><![CDATA[<raw> &amp;]]><!-- c --></D>", "D")).toBe("<raw> &amp;");
    expect(xmlText("<D>&#x110000;</D>", "D")).toBe("&#x110000;");
  });

  it("keeps surrounding whitespace when asked to", () => {
    expect(xmlText("<B>  {&quot;a&quot;: 1}\n</B>", "B", false)).toBe('  {"a": 1}\n');
    expect(xmlText("<B>  x </B>", "B")).toBe("x");
  });

  it("does not take an element for another that only starts with its name", () => {
    expect(xmlText("<DetailX>no</DetailX><Detail>yes</Detail>", "Detail")).toBe("yes");
  });

  it("lists every element, self-closing ones as empty", () => {
    const xml = "<R><Item>1</Item><Item/><Item a='1'>3</Item></R>";
    expect(xmlElements(xml, "Item")).toEqual(["1", "", "3"]);
    expect(xmlElements(`<Results i:nil="true"/>`, "Results")).toEqual([""]);
  });
});
