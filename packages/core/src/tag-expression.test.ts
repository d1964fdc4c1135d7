import { describe, expect, it } from "vitest";
import { TagExpressionError } from "./errors.js";
import {
  evaluateTagExpression,
  parseTagExpression,
  type TagExpressionNode,
  tagsToExpression,
  validateTag,
} from "./tag-expression.js";

function tagError(run: () => unknown): TagExpressionError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(TagExpressionError.isInstance(caught)).toBe(true);
  expect((caught as TagExpressionError).code).toBe("INVALID_TAG_EXPRESSION");
  return caught as TagExpressionError;
}

const tag = (name: string): TagExpressionNode => ({ type: "tag", tag: name });
const tagList = (count: number, prefix = "t") =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe("validateTag", () => {
  it("accepts 1 to 120 characters of A-Z a-z 0-9 _ @ # . : - and returns the tag unchanged", () => {
    const valid = [
      "a",
      "likes_hockey",
      "user@example.com",
      "#channel",
      "ns:topic.sub-1",
      "ABCXYZabcxyz0189_@#.:-",
      "x".repeat(120),
    ];
    for (const value of valid) expect(validateTag(value)).toBe(value);
  });

  it("accepts the system tags $InstallationId:{id} and $UserId:{id}", () => {
    for (const value of [
      "$InstallationId:{04c501e5-f57a-488f-ad7b-c03f9e515d32}",
      "$UserId:{77a8db6e-c1d3-41a3-9aa7-06bfef487a5a}",
      "$UserId:{alice@example.com}",
      "$InstallationId:{a}",
    ]) {
      expect(validateTag(value)).toBe(value);
    }
  });

  it("rejects an empty tag and one over 120 characters", () => {
    expect(tagError(() => validateTag("")).message).toContain("at character 1, a tag is missing");
    expect(tagError(() => validateTag("x".repeat(121))).message).toContain(
      "at character 1, tag over 120 characters",
    );
  });

  it("rejects each character outside the allowed set, naming it and its position", () => {
    for (const bad of [" ", "*", ",", "/", "é", "&", "|", "!", "(", "+", "=", "%", "\t", "{"]) {
      const error = tagError(() => validateTag(`ab${bad}c`));
      expect(error.message).toContain("at character 3");
      expect(error.message).toContain("A-Z a-z 0-9 _ @ # . : -");
    }
    expect(tagError(() => validateTag("a*b")).message).toContain('"*" is not allowed');
    expect(tagError(() => validateTag("a b")).message).toContain("whitespace is not allowed");
  });

  it("rejects malformed system tags, saying how to write them", () => {
    const cases: [string, string][] = [
      [
        "$InstallationId:abc",
        "at character 1, malformed system tag (write it as $InstallationId:{abc})",
      ],
      ["$UserId:{}", "at character 1, malformed system tag"],
      ["$UserId:{abc", "at character 1, malformed system tag"],
      [
        "$installationid:{abc}",
        "at character 1, malformed system tag (write it as $InstallationId:{abc})",
      ],
      ["$Tag:{abc}", "at character 1, malformed system tag"],
      ["$", "at character 1, malformed system tag"],
      ["$UserId:{a b}", "at character 1, malformed system tag"],
      ["$UserId:{a{b}", "at character 1, malformed system tag"],
      ["$UserId:{a\u00e9}", "at character 1, malformed system tag"],
      ["$UserId:{a}b", 'at character 12, "b" is not allowed'],
      ["a$UserId:{a}", 'at character 2, "$" is not allowed'],
    ];
    for (const [value, problem] of cases) {
      const { message } = tagError(() => validateTag(value));
      expect(message, value).toContain(problem);
      expect(message, value).toContain("$InstallationId:{id} or $UserId:{id}");
    }
  });

  it("shows the form that works for $InstallationId:d2, in a tag and in an expression", () => {
    expect(tagError(() => validateTag("$InstallationId:d2")).message).toBe(
      'Invalid tag "$InstallationId:d2": at character 1, malformed system tag (write it as $InstallationId:{d2}); tags are 1 to 120 of A-Z a-z 0-9 _ @ # . : - or $InstallationId:{id} or $UserId:{id}.',
    );
    expect(tagError(() => parseTagExpression("vip && $InstallationId:d2")).message).toContain(
      "at character 8, malformed system tag (write it as $InstallationId:{d2});",
    );
  });

  it("rejects a non-string with a TagExpressionError", () => {
    for (const value of [undefined, null, 1, ["a"]]) {
      expect(tagError(() => validateTag(value as unknown as string)).message).toContain(
        "expected a string",
      );
    }
  });
});

describe("parseTagExpression", () => {
  it("parses a single tag as an only-OR expression", () => {
    expect(parseTagExpression("likes_hockey")).toEqual({
      text: "likes_hockey",
      ast: tag("likes_hockey"),
      tags: ["likes_hockey"],
      onlyOr: true,
    });
  });

  it("parses the recorded expression with spaces around &&", () => {
    const parsed = parseTagExpression("likes_hockey && likes_football");
    expect(parsed.ast).toEqual({
      type: "and",
      left: tag("likes_hockey"),
      right: tag("likes_football"),
    });
    expect(parsed.text).toBe("likes_hockey && likes_football");
    expect(parsed.onlyOr).toBe(false);
  });

  it("gives ! precedence over &&, and && over ||", () => {
    expect(parseTagExpression("a || b && c").ast).toEqual({
      type: "or",
      left: tag("a"),
      right: { type: "and", left: tag("b"), right: tag("c") },
    });
    expect(parseTagExpression("!a && b").ast).toEqual({
      type: "and",
      left: { type: "not", operand: tag("a") },
      right: tag("b"),
    });
    expect(parseTagExpression("(a || b) && c").ast).toEqual({
      type: "and",
      left: { type: "or", left: tag("a"), right: tag("b") },
      right: tag("c"),
    });
    expect(parseTagExpression("!(a || b)").ast).toEqual({
      type: "not",
      operand: { type: "or", left: tag("a"), right: tag("b") },
    });
  });

  it("associates binary operators to the left", () => {
    expect(parseTagExpression("a||b||c").ast).toEqual({
      type: "or",
      left: { type: "or", left: tag("a"), right: tag("b") },
      right: tag("c"),
    });
  });

  it("allows any whitespace, or none, between tokens", () => {
    const expected = parseTagExpression("(a || b) && !c").ast;
    for (const text of ["(a||b)&&!c", "  ( a ||\tb )\n&&\r\n! c  ", "((a) || (b)) && (!(c))"]) {
      expect(parseTagExpression(text).ast).toEqual(expected);
    }
  });

  it("normalizes the text: single spaces, parentheses exactly where && and || mix", () => {
    const cases: [string, string][] = [
      ["a&&b||c", "(a && b) || c"],
      ["a || b && c", "a || (b && c)"],
      ["((a))", "a"],
      ["!  !a", "!!a"],
      ["!(a&&b)", "!(a && b)"],
      ["a||(b||c)", "a || b || c"],
      ["(a&&b)&&(c&&d)", "a && b && c && d"],
      ["  $UserId:{u1}  &&  tmpl ", "$UserId:{u1} && tmpl"],
    ];
    for (const [input, text] of cases) expect(parseTagExpression(input).text, input).toBe(text);
  });

  it("lists distinct tags in order of first appearance and sets onlyOr", () => {
    const parsed = parseTagExpression("b || a || b || (c || a)");
    expect(parsed.tags).toEqual(["b", "a", "c"]);
    expect(parsed.onlyOr).toBe(true);
    expect(parseTagExpression("a || !b").onlyOr).toBe(false);
    expect(parseTagExpression("a && b").onlyOr).toBe(false);
  });

  it("targets one template of one installation", () => {
    const parsed = parseTagExpression(
      "myTemplate && $InstallationId:{04c501e5-f57a-488f-ad7b-c03f9e515d32}",
    );
    expect(parsed.tags).toEqual([
      "myTemplate",
      "$InstallationId:{04c501e5-f57a-488f-ad7b-c03f9e515d32}",
    ]);
  });

  it("allows 20 tags joined with || only, and refuses 21", () => {
    expect(parseTagExpression(tagList(20).join(" || ")).tags).toHaveLength(20);
    expect(parseTagExpression(`(${tagList(20).join(" || ")})`).onlyOr).toBe(true);
    const text = tagList(21).join("||");
    const error = tagError(() => parseTagExpression(text));
    expect(error.message).toContain("over 20 tags");
    expect(error.message).toContain(`at character ${text.indexOf("t20") + 1},`);
  });

  it("allows 6 tags once && or ! is used, and refuses 7, pointing at the 7th", () => {
    expect(parseTagExpression(tagList(6).join(" && ")).tags).toHaveLength(6);
    const text = tagList(7).join(" && ");
    const error = tagError(() => parseTagExpression(text));
    expect(error.message).toContain("over 6 tags");
    expect(error.message).toContain('20 with only "||", else 6');
    expect(error.message).toContain(`at character ${text.indexOf("t6") + 1}`);
    tagError(() => parseTagExpression(`!${tagList(7).join(" || ")}`));
    tagError(() => parseTagExpression(`${tagList(6).join(" || ")} || !x`));
  });

  it("counts a repeated tag each time it occurs", () => {
    expect(tagError(() => parseTagExpression("a && a && a && a && a && a && a")).message).toContain(
      "repeats count",
    );
    expect(tagError(() => parseTagExpression(Array(21).fill("a").join("||"))).message).toContain(
      "over 20",
    );
  });

  it("rejects malformed expressions, saying what is wrong and where", () => {
    const operator = 'where "&&" or "||" was expected';
    const operatorOrClose = 'where "&&", "||" or ")" was expected';
    const cases: [string, string, number][] = [
      ["", "a tag is missing", 1],
      [" \t\n", "a tag is missing", 4],
      ["a && (b", `found the end ${operatorOrClose}`, 8],
      ["(a || (b)", `found the end ${operatorOrClose}`, 10],
      ["(a b)", `found "b" ${operatorOrClose}`, 4],
      ["a)", `found ")" ${operator}`, 2],
      ["(a)) || b", `found ")" ${operator}`, 4],
      ["()", 'found ")" where a tag was expected', 2],
      ["a & b", `found "&" ${operator}`, 3],
      ["a | b", `found "|" ${operator}`, 3],
      ["&& a", 'found "&" where a tag was expected', 1],
      ["a || || b", 'found "|" where a tag was expected', 6],
      ["a ||", "a tag is missing", 5],
      ["!", "a tag is missing", 2],
      ["a b", `found "b" ${operator}`, 3],
      ["a (b)", `found "(" ${operator}`, 3],
      ["(a) !b", `found "!" ${operator}`, 5],
      ["a && b*", `found "*" ${operator}`, 7],
      ["a, b", `found "," ${operator}`, 2],
      ["a && é", '"é" is not allowed; tags are 1 to 120 of A-Z a-z 0-9 _ @ # . : -', 6],
      ["a\u0000", `found "\\u0000" ${operator}`, 2],
      [`a || ${"x".repeat(121)}`, "tag over 120 characters", 6],
      ["a || $UserId:abc", "malformed system tag", 6],
      ["a || $UserId:{}", "malformed system tag", 6],
      ["$Foo:{x}", "malformed system tag", 1],
    ];
    for (const [text, problem, position] of cases) {
      const error = tagError(() => parseTagExpression(text));
      expect(error.message, text).toContain(problem);
      expect(error.message, text).toContain(`at character ${position},`);
    }
  });

  it("refuses nesting deeper than 32 levels instead of overflowing the stack", () => {
    expect(parseTagExpression(`${"(".repeat(32)}a${")".repeat(32)}`).text).toBe("a");
    expect(
      tagError(() => parseTagExpression(`${"(".repeat(33)}a${")".repeat(33)}`)).message,
    ).toContain("at character 33, nested more than 32 deep");
    tagError(() => parseTagExpression(`${"!".repeat(100_000)}a`));
    tagError(() => parseTagExpression("(".repeat(100_000)));
  });

  it("quotes a long expression only around the problem", () => {
    const text = `${tagList(5).join(" || ")} || ${"y".repeat(200)} *`;
    const message = tagError(() => parseTagExpression(text)).message;
    expect(message).toContain('"...');
    expect(message).toContain('..."');
    expect(message.length).toBeLessThan(400);
  });

  it("rejects a non-string with a TagExpressionError", () => {
    for (const value of [undefined, null, 3, ["a"]]) {
      tagError(() => parseTagExpression(value as unknown as string));
    }
  });
});

describe("evaluateTagExpression", () => {
  it("evaluates against a Set, exactly and case-sensitively", () => {
    const parsed = parseTagExpression("(sports || news) && !muted");
    expect(evaluateTagExpression(parsed, new Set(["sports"]))).toBe(true);
    expect(evaluateTagExpression(parsed, new Set(["news", "muted"]))).toBe(false);
    expect(evaluateTagExpression(parsed, new Set(["Sports"]))).toBe(false);
    expect(evaluateTagExpression(parsed, new Set())).toBe(false);
  });

  it("accepts the ast and a predicate function", () => {
    const { ast } = parseTagExpression("A && !b");
    const lower = (t: string) => ["a"].includes(t.toLowerCase());
    expect(evaluateTagExpression(ast, lower)).toBe(true);
    expect(evaluateTagExpression(ast, () => true)).toBe(false);
  });

  it("applies precedence the same way the parser does", () => {
    const parsed = parseTagExpression("a || b && c");
    expect(evaluateTagExpression(parsed, new Set(["a"]))).toBe(true);
    expect(evaluateTagExpression(parsed, new Set(["b"]))).toBe(false);
    expect(evaluateTagExpression(parsed, new Set(["b", "c"]))).toBe(true);
  });

  it("rejects a bad expression or tag source with a TagExpressionError", () => {
    const parsed = parseTagExpression("a");
    tagError(() => evaluateTagExpression(parsed, null as unknown as Set<string>));
    tagError(() => evaluateTagExpression(parsed, ["a"] as unknown as Set<string>));
    tagError(() => evaluateTagExpression(null as unknown as TagExpressionNode, new Set()));
    const bogus = { type: "xor" } as unknown as TagExpressionNode;
    expect(tagError(() => evaluateTagExpression(bogus, new Set())).message).toContain('"xor"');
  });
});

describe("tagsToExpression", () => {
  it("takes a string as one validated tag", () => {
    expect(tagsToExpression("likes_hockey")).toBe("likes_hockey");
    expect(tagsToExpression("$UserId:{alice}")).toBe("$UserId:{alice}");
    // A system tag id may hold operator characters; it is still one tag, as in an expression.
    expect(tagsToExpression("$UserId:{a||b}")).toBe("$UserId:{a||b}");
    expect(tagError(() => tagsToExpression("bad*tag")).message).toContain('"*" is not allowed');
    expect(tagError(() => tagsToExpression("")).message).toContain("a tag is missing");
  });

  it("refuses a string that looks like an expression, pointing to tagExpression", () => {
    for (const text of ["a || b", "a&&b", "!a", "(a)", "a b"]) {
      expect(tagError(() => tagsToExpression(text)).message, text).toContain("tagExpression");
    }
  });

  it("joins an iterable with ||, dropping duplicates and keeping first-seen order", () => {
    expect(tagsToExpression(["b", "a", "b", "c"])).toBe("b||a||c");
    expect(tagsToExpression(new Set(["x", "y"]))).toBe("x||y");
    function* gen() {
      yield "g1";
      yield "g2";
    }
    expect(tagsToExpression(gen())).toBe("g1||g2");
    expect(tagsToExpression(["only"])).toBe("only");
  });

  it("never turns an empty set into a broadcast", () => {
    for (const empty of [[], new Set<string>(), new Map<string, string>().keys()]) {
      expect(tagError(() => tagsToExpression(empty)).message).toContain("broadcast");
    }
  });

  it("allows 20 distinct tags (duplicates not counted) and refuses 21", () => {
    expect(tagsToExpression(tagList(20)).split("||")).toHaveLength(20);
    expect(tagsToExpression([...tagList(20), "t0", "t5"]).split("||")).toHaveLength(20);
    expect(tagError(() => tagsToExpression(tagList(21))).message).toContain("over 20");
  });

  it("names the index of an invalid or non-string tag", () => {
    expect(tagError(() => tagsToExpression(["ok", "not ok"])).message).toContain(
      "tag at index 1 of tags",
    );
    expect(tagError(() => tagsToExpression(["ok", 5 as unknown as string])).message).toContain(
      "index 1",
    );
  });

  it("refuses values that are neither a string nor an iterable", () => {
    for (const value of [undefined, null, 5, { a: 1 }]) {
      expect(tagError(() => tagsToExpression(value as unknown as string)).message).toContain(
        "iterable",
      );
    }
  });

  it("produces an only-OR expression that parses back to the same tags", () => {
    const parsed = parseTagExpression(tagsToExpression(["a", "b", "a", "$UserId:{u}"]));
    expect(parsed.tags).toEqual(["a", "b", "$UserId:{u}"]);
    expect(parsed.onlyOr).toBe(true);
  });
});
