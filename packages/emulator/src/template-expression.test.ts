import { describe, expect, it } from "vitest";
import { renderExpressions, renderSoleNumber, templateProperties } from "./template-expression.js";

const props = templateProperties({
  title: "This is the title line",
  Name: "Ana",
  query: "a b&c",
  count: "40",
  empty: "",
});

describe("renderExpressions", () => {
  it("replaces $(prop) with the property text", () => {
    expect(renderExpressions("$(title)", props)).toBe("This is the title line");
  });

  it("matches property names case-insensitively", () => {
    expect(renderExpressions("$(NAME)/$(name)", props)).toBe("Ana/Ana");
  });

  it("renders a missing property as the empty string", () => {
    expect(renderExpressions("[$(nope)]", props)).toBe("[]");
  });

  it("cuts $(prop, n) to n characters", () => {
    expect(renderExpressions("$(title, 7)", props)).toBe("This is");
    expect(renderExpressions("$(name, 10)", props)).toBe("Ana");
  });

  it("cuts .(prop, n) with dots within n characters", () => {
    expect(renderExpressions(".(title, 20)", props)).toBe("This is the title...");
    expect(renderExpressions(".(title, 22)", props)).toBe("This is the title line");
    expect(renderExpressions(".(title, 2)", props)).toBe("..");
  });

  it("URI-encodes %(prop)", () => {
    expect(renderExpressions("q=%(query)", props)).toBe("q=a%20b%26c");
  });

  it("renders #(prop) as text inside a larger string", () => {
    expect(renderExpressions("n=#(count)", props)).toBe("n=40");
  });

  it("concatenates literals and expressions in braces", () => {
    expect(renderExpressions("{'Hi, ' + $(name)}", props)).toBe("Hi, Ana");
    expect(renderExpressions('{$(name) + " - " + .(title, 10) + %(query)}', props)).toBe(
      "Ana - This is...a%20b%26c",
    );
    expect(renderExpressions("{ 'a' +'b'+  'c' }", props)).toBe("abc");
  });

  it("keeps text around expressions and braces that do not parse", () => {
    expect(renderExpressions("Hello $(name)!", props)).toBe("Hello Ana!");
    expect(renderExpressions("{not an expression} $(", props)).toBe("{not an expression} $(");
    expect(renderExpressions("{'unterminated + $(name)}", props)).toBe("{'unterminated + Ana}");
  });

  it("escapes property values only, never literals", () => {
    const upper = (value: string) => value.toUpperCase();
    expect(renderExpressions("{'lit ' + $(name)} x", props, upper)).toBe("lit ANA x");
  });
});

describe("renderSoleNumber", () => {
  it("gives a number for a lone #(prop) whose text is numeric", () => {
    expect(renderSoleNumber("#(count)", props)).toBe(40);
    expect(renderSoleNumber(" #(count) ", props)).toBe(40);
    expect(renderSoleNumber("#(x)", templateProperties({ x: "-1.5e3" }))).toBe(-1500);
  });

  it("gives undefined for text, other functions or surrounding text", () => {
    expect(renderSoleNumber("#(name)", props)).toBeUndefined();
    expect(renderSoleNumber("#(empty)", props)).toBeUndefined();
    expect(renderSoleNumber("$(count)", props)).toBeUndefined();
    expect(renderSoleNumber("n #(count)", props)).toBeUndefined();
    expect(renderSoleNumber("#(x)", templateProperties({ x: "0x10" }))).toBeUndefined();
  });
});
