import { TagExpressionError } from "./errors.js";
import type { TagExpressionNode } from "./tag-expression.js";

/** Longest ordinary tag the service accepts. */
export const MAX_TAG_LENGTH = 120;
/** Most tags in an expression that uses only `||` (or is one tag). */
export const MAX_OR_TAGS = 20;
/** Most tags in an expression that uses `&&` or `!`. */
export const MAX_MIXED_TAGS = 6;
/** Deepest nesting of `(` and `!` accepted (keeps recursion bounded on hostile input). */
const MAX_NESTING = 32;

export const TAG_RULE =
  "A tag is 1 to 120 characters of A-Z a-z 0-9 _ @ # . : - or a system tag $InstallationId:{id} or $UserId:{id}";

const INSTALLATION_ID = "$InstallationId:";
const USER_ID = "$UserId:";

/** Reports a problem at a 0-based position; never returns. */
export type Fail = (problem: string, position: number) => never;

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_BANG = 33;
const CH_DOLLAR = 36;
const CH_AMP = 38;
const CH_LPAREN = 40;
const CH_RPAREN = 41;
const CH_LBRACE = 123;
const CH_PIPE = 124;
const CH_RBRACE = 125;

/** `A-Z a-z 0-9 _ @ # . : -` */
export function isTagChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 64 ||
    c === 35 ||
    c === 46 ||
    c === 58 ||
    c === 45
  );
}

function isSpace(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === CH_LF || c === CH_CR;
}

/** Shows one character readably in a message: `"*"`, or `U+0009` for invisible ones. */
export function describeChar(text: string, position: number): string {
  const code = text.codePointAt(position) ?? 0;
  if (code <= 0x20 || (code >= 0x7f && code <= 0xa0)) {
    return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return JSON.stringify(String.fromCodePoint(code));
}

/**
 * Scans one tag starting at `start`: an ordinary tag or a system tag. Returns the index after
 * it, or `start` when the character there cannot start a tag.
 */
export function scanTag(text: string, start: number, fail: Fail): number {
  const n = text.length;
  if (text.charCodeAt(start) === CH_DOLLAR) return scanSystemTag(text, start, fail);
  let i = start;
  while (i < n && isTagChar(text.charCodeAt(i))) i++;
  if (i - start > MAX_TAG_LENGTH) {
    fail(`tag is ${i - start} characters long; the limit is ${MAX_TAG_LENGTH}, shorten it`, start);
  }
  return i;
}

function scanSystemTag(text: string, start: number, fail: Fail): number {
  let prefix: string;
  if (text.startsWith(INSTALLATION_ID, start)) prefix = INSTALLATION_ID;
  else if (text.startsWith(USER_ID, start)) prefix = USER_ID;
  else {
    fail(
      "unknown system tag; only $InstallationId:{id} and $UserId:{id} can be targeted (spelled exactly so)",
      start,
    );
  }
  let i = start + prefix.length;
  if (text.charCodeAt(i) !== CH_LBRACE) {
    fail(`system tag needs braces around the id: write ${prefix}{id}`, start);
  }
  i++;
  const idStart = i;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === CH_RBRACE) break;
    if (c <= CH_SPACE || c >= 0x7f || c === CH_LBRACE) {
      fail(
        `${describeChar(text, i)} is not allowed in the id of a system tag (printable ASCII without spaces or braces)`,
        i,
      );
    }
    i++;
  }
  if (i >= n) fail(`system tag is missing the "}" that closes ${prefix}{`, start);
  if (i === idStart) fail(`system tag has an empty id: write ${prefix}{id}`, start);
  return i + 1;
}

/** The outcome of parsing, before the public object is built. */
export interface ParseOutcome {
  ast: TagExpressionNode;
  tags: string[];
  onlyOr: boolean;
}

/** Recursive-descent parser over a hand-written scanner. Precedence: `!` > `&&` > `||`. */
class Parser {
  pos = 0;
  depth = 0;
  onlyOr = true;
  readonly tags: string[] = [];
  /** Start of each tag occurrence, to point at the first one over a limit. */
  readonly positions: number[] = [];

  constructor(
    readonly text: string,
    readonly fail: Fail,
  ) {}

  skipSpace(): void {
    const { text } = this;
    while (this.pos < text.length && isSpace(text.charCodeAt(this.pos))) this.pos++;
  }

  parseOr(): TagExpressionNode {
    let left = this.parseAnd();
    for (;;) {
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== CH_PIPE) return left;
      if (this.text.charCodeAt(this.pos + 1) !== CH_PIPE) {
        this.fail('a single "|" is not an operator; write "||" for OR', this.pos);
      }
      this.pos += 2;
      left = { type: "or", left, right: this.parseAnd() };
    }
  }

  parseAnd(): TagExpressionNode {
    let left = this.parseUnary();
    for (;;) {
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== CH_AMP) return left;
      if (this.text.charCodeAt(this.pos + 1) !== CH_AMP) {
        this.fail('a single "&" is not an operator; write "&&" for AND', this.pos);
      }
      this.onlyOr = false;
      this.pos += 2;
      left = { type: "and", left, right: this.parseUnary() };
    }
  }

  enter(position: number): void {
    if (++this.depth > MAX_NESTING) {
      this.fail(
        `nested more than ${MAX_NESTING} levels deep (parentheses and "!"); simplify the expression`,
        position,
      );
    }
  }

  parseUnary(): TagExpressionNode {
    this.skipSpace();
    const { text } = this;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === CH_BANG) {
      this.onlyOr = false;
      this.enter(start);
      this.pos++;
      const operand = this.parseUnary();
      this.depth--;
      return { type: "not", operand };
    }
    if (c === CH_LPAREN) {
      this.enter(start);
      this.pos++;
      const inner = this.parseOr();
      this.skipSpace();
      if (this.pos >= text.length) {
        this.fail(
          `missing ")" to close the "(" at character ${start + 1}; add ")" or remove the "("`,
          this.pos,
        );
      }
      if (text.charCodeAt(this.pos) !== CH_RPAREN) this.unexpectedAfterOperand();
      this.pos++;
      this.depth--;
      return inner;
    }
    const end = start < text.length ? scanTag(text, start, this.fail) : start;
    if (end === start) this.expectedOperand();
    const tag = text.slice(start, end);
    this.pos = end;
    this.positions.push(start);
    if (this.positions.length > MAX_OR_TAGS) {
      this.fail(
        `more than ${MAX_OR_TAGS} tags; the service accepts at most ${MAX_OR_TAGS} tags joined with "||" only and at most ${MAX_MIXED_TAGS} when "&&" or "!" is used; split the send into several`,
        start,
      );
    }
    if (!this.tags.includes(tag)) this.tags.push(tag);
    return { type: "tag", tag };
  }

  /** At a position where a tag, "(" or "!" must start. */
  expectedOperand(): never {
    const { text, pos } = this;
    if (pos >= text.length) {
      this.fail(
        "the expression ends where a tag was expected; add a tag or remove the operator",
        pos,
      );
    }
    const c = text.charCodeAt(pos);
    if (c === CH_RPAREN) this.fail('expected a tag before ")"; parentheses cannot be empty', pos);
    if (c === CH_AMP || c === CH_PIPE) {
      const op = c === CH_AMP ? "&&" : "||";
      this.fail(`"${op}" needs a tag on its left; add one or remove the operator`, pos);
    }
    this.fail(`${describeChar(text, pos)} is not allowed. ${TAG_RULE}`, pos);
  }

  /** After a complete operand, where only an operator, ")" or the end may follow. */
  unexpectedAfterOperand(): never {
    const { text, pos } = this;
    const c = text.charCodeAt(pos);
    if (c === CH_RPAREN) {
      this.fail('unmatched ")"; remove it or add the "(" that it closes', pos);
    }
    if (isTagChar(c) || c === CH_DOLLAR || c === CH_LPAREN || c === CH_BANG) {
      this.fail('missing operator; join tags and groups with "&&" or "||"', pos);
    }
    this.fail(`${describeChar(text, pos)} is not allowed. ${TAG_RULE}`, pos);
  }
}

/** Parses an expression; every problem goes through `fail`. */
export function parseExpression(text: string, fail: Fail): ParseOutcome {
  const parser = new Parser(text, fail);
  parser.skipSpace();
  if (parser.pos >= text.length) {
    fail(
      "the expression is empty; give at least one tag (to send to every device, omit tags and tagExpression)",
      0,
    );
  }
  const ast = parser.parseOr();
  parser.skipSpace();
  if (parser.pos < text.length) parser.unexpectedAfterOperand();
  const limit = parser.onlyOr ? MAX_OR_TAGS : MAX_MIXED_TAGS;
  if (parser.positions.length > limit) {
    fail(
      `${parser.positions.length} tags (repeats counted); an expression using "&&" or "!" may hold at most ${MAX_MIXED_TAGS} tags (one using only "||" up to ${MAX_OR_TAGS}); simplify it or split the send`,
      parser.positions[limit] as number,
    );
  }
  return { ast, tags: parser.tags, onlyOr: parser.onlyOr };
}

/** Writes a node back as text: single spaces around operators, parentheses only where operators mix. */
export function formatNode(node: TagExpressionNode): string {
  switch (node.type) {
    case "tag":
      return node.tag;
    case "not": {
      const inner = formatNode(node.operand);
      return node.operand.type === "and" || node.operand.type === "or"
        ? `!(${inner})`
        : `!${inner}`;
    }
    default: {
      const op = node.type === "and" ? " && " : " || ";
      return formatChild(node.left, node.type) + op + formatChild(node.right, node.type);
    }
  }
}

function formatChild(child: TagExpressionNode, parent: "and" | "or"): string {
  const text = formatNode(child);
  return (child.type === "and" || child.type === "or") && child.type !== parent
    ? `(${text})`
    : text;
}

/** Quotes text for a message, cutting long text to a window around `position`. */
export function quoteAround(text: string, position: number): string {
  if (text.length <= 100) return JSON.stringify(text);
  const from = Math.max(0, position - 40);
  const to = Math.min(text.length, position + 40);
  return `${from > 0 ? "…" : ""}${JSON.stringify(text.slice(from, to))}${to < text.length ? "…" : ""}`;
}

/** Throws a TagExpressionError for a problem in an expression. */
export function expressionFail(text: string): Fail {
  return (problem, position) => {
    throw new TagExpressionError(
      `Invalid tag expression ${quoteAround(text, position)}: at character ${position + 1}, ${problem}.`,
    );
  };
}
