import { describe, expect, it } from "vitest";
import { renderTemplate, templateKind, templateProperties } from "./template-renderer.js";

const props = templateProperties({ message: "Tom & <Jerry>", count: "3", name: "Ana" });

describe("renderTemplate (JSON)", () => {
  it("renders expressions in string values and keeps keys", () => {
    const body = '{"aps":{"alert":"$(message)","$(name)":"{\'Hi \' + $(name)}"}}';
    expect(JSON.parse(renderTemplate(body, props))).toEqual({
      aps: { alert: "Tom & <Jerry>", "$(name)": "Hi Ana" },
    });
  });

  it("turns a lone #(prop) into a JSON number", () => {
    const body = '{"aps":{"badge":"#(count)","text":"#(count) new"}}';
    expect(renderTemplate(body, props)).toBe('{"aps":{"badge":3,"text":"3 new"}}');
  });

  it("keeps #(prop) a string when the property is not a number", () => {
    expect(renderTemplate('{"b":"#(name)"}', props)).toBe('{"b":"Ana"}');
  });

  it("renders inside arrays and leaves numbers and booleans alone", () => {
    expect(renderTemplate('{"a":["$(name)",1,true,null]}', props)).toBe(
      '{"a":["Ana",1,true,null]}',
    );
  });

  it("escapes values that contain quotes", () => {
    const rendered = renderTemplate('{"t":"$(q)"}', templateProperties({ q: 'say "hi"' }));
    expect(JSON.parse(rendered)).toEqual({ t: 'say "hi"' });
  });
});

describe("renderTemplate (XML)", () => {
  it("renders text nodes and escapes property values", () => {
    const body =
      '<toast><visual><binding template="ToastText01"><text id="1">$(message)</text></binding></visual></toast>';
    expect(renderTemplate(body, props)).toBe(
      '<toast><visual><binding template="ToastText01"><text id="1">Tom &amp; &lt;Jerry&gt;</text></binding></visual></toast>',
    );
  });

  it("renders attribute values, with literals of the other quote", () => {
    const body = `<toast launch="{'page?user=' + %(name)}"><text a='$(count)'/></toast>`;
    expect(renderTemplate(body, props)).toBe(`<toast launch="page?user=Ana"><text a='3'/></toast>`);
  });

  it("keeps the declaration, comments and tag names unchanged", () => {
    const body =
      '<?xml version="1.0" encoding="utf-8"?><!-- $(name) --><wp:Notification xmlns:wp="WPNotification"><wp:Toast><wp:Text1>{\'Hi \' + $(name)}</wp:Text1></wp:Toast></wp:Notification>';
    expect(renderTemplate(body, props)).toBe(
      '<?xml version="1.0" encoding="utf-8"?><!-- $(name) --><wp:Notification xmlns:wp="WPNotification"><wp:Toast><wp:Text1>Hi Ana</wp:Text1></wp:Toast></wp:Notification>',
    );
  });

  it("renders CDATA without escaping", () => {
    expect(renderTemplate("<a><![CDATA[$(message)]]></a>", props)).toBe(
      "<a><![CDATA[Tom & <Jerry>]]></a>",
    );
  });

  it("keeps a lone #(prop) as text in XML", () => {
    expect(renderTemplate('<badge value="#(count)"/>', props)).toBe('<badge value="3"/>');
  });

  it("cuts with .(prop, n) in XML", () => {
    const rendered = renderTemplate(
      "<t>.(m, 20)</t>",
      templateProperties({ m: "This is the title line" }),
    );
    expect(rendered).toBe("<t>This is the title...</t>");
  });
});

describe("templateKind", () => {
  it("tells XML, JSON and other text apart", () => {
    expect(templateKind('  <?xml version="1.0"?><a/>')).toBe("xml");
    expect(templateKind('{"a":1}')).toBe("json");
    expect(templateKind("hello $(name)")).toBe("text");
    expect(renderTemplate("hello $(name)", props)).toBe("hello Ana");
  });
});
