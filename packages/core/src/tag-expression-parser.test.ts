import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NotificationHubsError, TagExpressionError } from "./errors.js";
import {
  evaluateTagExpression,
  parseTagExpression,
  type TagExpressionNode,
  tagsToExpression,
  validateTag,
} from "./tag-expression.js";

// Property tests of the tag-expression parser, through the public functions.

function returnsOrThrowsTagError(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (error) {
    return NotificationHubsError.isInstance(error) && TagExpressionError.isInstance(error);
  }
}

const TAG_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@#.:-";
const ID_CHARS = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i))
  .filter((c) => c !== "{" && c !== "}")
  .join("");

const ordinaryTag = fc.string({
  unit: fc.constantFrom(...TAG_CHARS),
  minLength: 1,
  maxLength: 120,
});
const systemTag = fc
  .tuple(
    fc.constantFrom("$InstallationId:", "$UserId:"),
    fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 40 }),
  )
  .map(([prefix, id]) => `${prefix}{${id}}`);
const validTag = fc.oneof(ordinaryTag, systemTag);

/** A small pool, so that trees repeat tags and random sets hit them. */
const POOL = ["a", "b", "c", "likes_hockey", "$UserId:{u-1}", "x.y:z@#-9"];

const { node: treeArb } = fc.letrec<{
  node: TagExpressionNode;
  not: TagExpressionNode;
  bin: TagExpressionNode;
}>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...POOL).map((tag): TagExpressionNode => ({ type: "tag", tag })),
    tie("not"),
    tie("bin"),
  ),
  not: tie("node").map((operand): TagExpressionNode => ({ type: "not", operand })),
  bin: fc
    .tuple(fc.constantFrom("and" as const, "or" as const), tie("node"), tie("node"))
    .map(([type, left, right]): TagExpressionNode => ({ type, left, right })),
}));

function leaves(node: TagExpressionNode): string[] {
  if (node.type === "tag") return [node.tag];
  if (node.type === "not") return leaves(node.operand);
  return [...leaves(node.left), ...leaves(node.right)];
}

function usesAndOrNot(node: TagExpressionNode): boolean {
  if (node.type === "tag") return false;
  if (node.type === "not" || node.type === "and") return true;
  return usesAndOrNot(node.left) || usesAndOrNot(node.right);
}

function depth(node: TagExpressionNode): number {
  if (node.type === "tag") return 0;
  if (node.type === "not") return 1 + depth(node.operand);
  return 1 + Math.max(depth(node.left), depth(node.right));
}

/** Trees within the service's limits and shallow enough for full parenthesization. */
const validTree = treeArb.filter(
  (tree) => leaves(tree).length <= (usesAndOrNot(tree) ? 6 : 20) && depth(tree) <= 12,
);

function reference(node: TagExpressionNode, set: ReadonlySet<string>): boolean {
  switch (node.type) {
    case "tag":
      return set.has(node.tag);
    case "not":
      return !reference(node.operand, set);
    case "and":
      return reference(node.left, set) && reference(node.right, set);
    default:
      return reference(node.left, set) || reference(node.right, set);
  }
}

const SPACES = ["", " ", "  ", "\t", "\n", "\r\n"];

/** Every operator and group parenthesized, with arbitrary whitespace between tokens. */
function renderFull(node: TagExpressionNode, ws: () => string): string {
  if (node.type === "tag") return node.tag;
  if (node.type === "not") return `!${ws()}(${ws()}${renderFull(node.operand, ws)}${ws()})`;
  const op = node.type === "and" ? "&&" : "||";
  return `(${ws()}${renderFull(node.left, ws)}${ws()}${op}${ws()}${renderFull(node.right, ws)}${ws()})`;
}

const PRECEDENCE = { or: 1, and: 2, not: 3, tag: 4 } as const;

/** Parentheses only where precedence requires them (the right operand of a chain included). */
function renderMinimal(node: TagExpressionNode, parent = 0, rightOfSame = false): string {
  const own = PRECEDENCE[node.type];
  let text: string;
  if (node.type === "tag") text = node.tag;
  else if (node.type === "not") text = `!${renderMinimal(node.operand, own)}`;
  else {
    const op = node.type === "and" ? " && " : " || ";
    text = renderMinimal(node.left, own) + op + renderMinimal(node.right, own, true);
  }
  return own < parent || (rightOfSame && own === parent && own < 3) ? `(${text})` : text;
}

describe("tag expressions: properties", () => {
  it("parseTagExpression returns or throws a TagExpressionError for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) =>
        returnsOrThrowsTagError(() => parseTagExpression(text)),
      ),
    );
  });

  it("parseTagExpression returns or throws a TagExpressionError for any mix of its tokens", () => {
    const token = fc.constantFrom(
      "&&",
      "||",
      "&",
      "|",
      "!",
      "(",
      ")",
      " ",
      "\t",
      "a",
      "b1",
      "$UserId:{",
      "}",
      "$InstallationId:",
      "*",
      "x".repeat(119),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) =>
        returnsOrThrowsTagError(() => parseTagExpression(tokens.join(""))),
      ),
    );
  });

  it("validateTag and tagsToExpression return or throw a TagExpressionError for any input", () => {
    const anything = fc.oneof(fc.string({ unit: "binary" }), fc.anything());
    fc.assert(
      fc.property(anything, fc.array(anything, { maxLength: 25 }), (value, list) => {
        expect(returnsOrThrowsTagError(() => validateTag(value as string))).toBe(true);
        expect(returnsOrThrowsTagError(() => tagsToExpression(value as string))).toBe(true);
        expect(returnsOrThrowsTagError(() => tagsToExpression(list as string[]))).toBe(true);
      }),
    );
  });

  it("generated expressions, however written, parse and evaluate like the tree they came from", () => {
    fc.assert(
      fc.property(
        validTree,
        fc.array(fc.constantFrom(...SPACES), { minLength: 1, maxLength: 50 }),
        fc.subarray(POOL),
        (tree, spaces, present) => {
          let i = 0;
          const ws = () => spaces[i++ % spaces.length] as string;
          const set = new Set(present);
          const expected = reference(tree, set);
          for (const text of [renderFull(tree, ws), renderMinimal(tree)]) {
            const parsed = parseTagExpression(text);
            expect(evaluateTagExpression(parsed, set)).toBe(expected);
            expect(evaluateTagExpression(parsed.ast, (tag) => set.has(tag))).toBe(expected);
            expect(parsed.tags).toEqual([...new Set(leaves(tree))]);
            expect(parsed.onlyOr).toBe(!usesAndOrNot(tree));
          }
        },
      ),
    );
  });

  it("the normalized text is stable and means the same", () => {
    fc.assert(
      fc.property(validTree, fc.subarray(POOL), (tree, present) => {
        const parsed = parseTagExpression(renderMinimal(tree));
        const again = parseTagExpression(parsed.text);
        expect(again.text).toBe(parsed.text);
        expect(parseTagExpression(again.text).ast).toEqual(again.ast);
        const set = new Set(present);
        expect(evaluateTagExpression(again, set)).toBe(reference(tree, set));
      }),
    );
  });

  it("validateTag accepts every generated valid tag unchanged", () => {
    fc.assert(fc.property(validTag, (tag) => validateTag(tag) === tag));
  });

  it("validateTag rejects a valid tag with a forbidden character inserted", () => {
    const forbidden = fc
      .string({ unit: "binary", minLength: 1, maxLength: 1 })
      .filter((c) => !TAG_CHARS.includes(c) && c !== "$");
    fc.assert(
      fc.property(ordinaryTag, forbidden, fc.nat(), (tag, bad, at) => {
        const cut = at % (tag.length + 1);
        const text = tag.slice(0, cut) + bad + tag.slice(cut);
        expect(() => validateTag(text)).toThrow(TagExpressionError);
      }),
    );
  });

  it("tagsToExpression of 1 to 20 valid tags parses back to the distinct tags, only-OR", () => {
    fc.assert(
      fc.property(fc.array(validTag, { minLength: 1, maxLength: 20 }), (tags) => {
        const parsed = parseTagExpression(tagsToExpression(tags));
        expect(parsed.tags).toEqual([...new Set(tags)]);
        expect(parsed.onlyOr).toBe(true);
        expect(evaluateTagExpression(parsed, new Set([tags[0] as string]))).toBe(true);
        expect(evaluateTagExpression(parsed, new Set())).toBe(false);
      }),
    );
  });
});
