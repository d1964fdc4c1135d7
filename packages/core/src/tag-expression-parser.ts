import { TagExpressionError } from "./errors.js";
import { describeValue } from "./payload-kit.js";
import type { TagExpressionNode } from "./tag-expression.js";

/** Reports a problem at a 0-based position of the text being checked; never returns. */
export type Fail = (problem: string, at: number) => never;

/** Throws a TagExpressionError saying `Invalid <message>.` */
export function invalid(message: string): never {
  throw new TagExpressionError(`Invalid ${message}.`);
}

/**
 * Checks that `text` is a string and returns its {@link Fail}, which throws
 * `Invalid <what> "<text>": at character <n>, <problem>.` (a long text is quoted around `n`).
 */
export function failFor(what: string, text: unknown): Fail {
  if (typeof text !== "string") invalid(`${what}: expected a string, got ${describeValue(text)}`);
  return (problem, at) =>
    invalid(
      `${what} ${JSON.stringify(text.length > 99 ? `...${text.slice(at > 40 ? at - 40 : 0, at + 40)}...` : text)}: at character ${at + 1}, ${problem}`,
    );
}

/** The whitespace allowed between the tokens of an expression. */
const SPACE = /[ \t\n\r]/;

/** A tag: 1 to 120 of `A-Z a-z 0-9 _ @ # . : -`, or a system tag (id of printable ASCII, no braces). */
const TAG = /[\w@#.:-]{1,120}(?![\w@#.:-])|\$(?:InstallationId|UserId):\{[!-z|~]+\}/y;

/** Returns the index after the tag starting at `at`, or `at` when no valid tag starts there. */
export function tagEnd(text: string, at: number): number {
  TAG.lastIndex = at;
  return TAG.test(text) ? TAG.lastIndex : at;
}

const SYSTEM_TAG_LIKE = /\$(installationid|userid):\{?([^\s{}()]+?)\}?(?=[\s()]|&&|\|\||$)/iy;

/** ` (write it as $InstallationId:{d2})` when the text at `at` looks like a system tag. */
function systemTagHint(text: string, at: number): string {
  SYSTEM_TAG_LIKE.lastIndex = at;
  const match = SYSTEM_TAG_LIKE.exec(text);
  if (match === null) return "";
  const name = match[1]?.toLowerCase() === "userid" ? "UserId" : "InstallationId";
  return ` (write it as $${name}:{${match[2]}})`;
}

/**
 * Says what is wrong at `at`, where a tag should start (or, with `inTag`, where one should end):
 * a tag is missing, too long, or a malformed system tag, or a character is not allowed.
 */
export function tagProblem(text: string, at: number, inTag?: boolean): string {
  const c = text[at];
  return `${
    !c
      ? "a tag is missing"
      : inTag || !/[\w@#.:$-]/.test(c)
        ? `${SPACE.test(c) ? "whitespace" : JSON.stringify(c)} is not allowed`
        : c === "$"
          ? `malformed system tag${systemTagHint(text, at)}`
          : "tag over 120 characters"
  }; tags are 1 to 120 of A-Z a-z 0-9 _ @ # . : - or $InstallationId:{id} or $UserId:{id}`;
}

/** The outcome of parsing, before the public object is built. */
export interface ParseOutcome {
  ast: TagExpressionNode;
  tags: string[];
  onlyOr: boolean;
}

/**
 * Parses an expression by precedence climbing (`!` > `&&` > `||`, binary operators associate to
 * the left) and checks the service's limits; every problem goes through `fail`.
 */
export function parseExpression(text: string, fail: Fail): ParseOutcome {
  let p = 0;
  let depth = 0;
  let onlyOr = true;
  const tags: string[] = [];
  const starts: number[] = [];
  /** Skips whitespace; returns the position of the next token. */
  const skip = (): number => {
    while (SPACE.test(text[p]!)) p++;
    return p;
  };
  const tooMany = (limit: number): never =>
    fail(`over ${limit} tags (20 with only "||", else 6; repeats count)`, starts[limit]!);
  /** At `p`, where no operand (`operand`) or no operator can be read. */
  const stuck = (operand?: boolean): never => {
    const c = text[p];
    return fail(
      operand && !/[&|)]/.test(c!)
        ? tagProblem(text, p)
        : `found ${c ? JSON.stringify(c) : "the end"} where ${operand ? "a tag" : `"&&"${depth ? ', "||" or ")"' : ' or "||"'}`} was expected`,
      p,
    );
  };
  /** Level 0 reads an OR chain, 1 an AND chain, 2 an operand. */
  const parse = (level: number): TagExpressionNode => {
    if (level < 2) {
      let left = parse(level + 1);
      while (text.startsWith(level ? "&&" : "||", skip())) {
        p += 2;
        onlyOr &&= !level;
        left = { type: level ? "and" : "or", left, right: parse(level + 1) };
      }
      return left;
    }
    const start = skip();
    const c = text[start];
    if (c === "!" || c === "(") {
      if (++depth > 32) fail("nested more than 32 deep", p);
      p++;
      const node: TagExpressionNode = c === "(" ? parse(0) : { type: "not", operand: parse(2) };
      if (c === "!") onlyOr = false;
      else if (text[skip()] === ")") p++;
      else stuck();
      depth--;
      return node;
    }
    p = tagEnd(text, start);
    if (p === start) stuck(true);
    if (starts.push(start) > 20) tooMany(20);
    const tag = text.slice(start, p);
    if (!tags.includes(tag)) tags.push(tag);
    return { type: "tag", tag };
  };
  const ast = parse(0);
  if (skip() < text.length) stuck();
  if (!onlyOr && starts.length > 6) tooMany(6);
  return { ast, tags, onlyOr };
}

/** Writes a node back as text: single spaces around operators, parentheses only where operators mix. */
export function formatNode(node: TagExpressionNode, parent?: string): string {
  const { type } = node;
  const text =
    type === "tag"
      ? node.tag
      : type === "not"
        ? `!${formatNode(node.operand, type)}`
        : formatNode(node.left, type) +
          (type === "and" ? " && " : " || ") +
          formatNode(node.right, type);
  return parent && parent !== type && "left" in node ? `(${text})` : text;
}
