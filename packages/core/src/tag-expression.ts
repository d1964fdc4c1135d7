import { TagExpressionError } from "./errors.js";
import { describeValue } from "./payload-kit.js";
import {
  failFor,
  formatNode,
  invalid,
  parseExpression,
  tagEnd,
  tagProblem,
} from "./tag-expression-parser.js";

/** A node of a parsed tag expression. `!` binds tighter than `&&`, which binds tighter than `||`. */
export type TagExpressionNode =
  | { type: "tag"; tag: string }
  | { type: "not"; operand: TagExpressionNode }
  | { type: "and" | "or"; left: TagExpressionNode; right: TagExpressionNode };

/** A tag expression that passed validation, as returned by {@link parseTagExpression}. */
export interface ParsedTagExpression {
  /**
   * The normalized expression, as to send in `ServiceBusNotification-Tags`: single spaces around
   * `&&` and `||`, `!` written against its operand, and parentheses exactly where `&&` and `||`
   * mix (`a && b || c` becomes `(a && b) || c`), so the meaning never depends on precedence.
   */
  text: string;
  /** The syntax tree (binary operators associate to the left). */
  ast: TagExpressionNode;
  /** The distinct tags, in order of first appearance (a repeated tag is listed once). */
  tags: string[];
  /** True when the expression uses no `&&` and no `!` (a single tag counts as only-OR). */
  onlyOr: boolean;
}

function checkTag(tag: unknown, what: string): string {
  const fail = failFor(what, tag);
  const text = tag as string;
  const end = tagEnd(text, 0);
  if (!end || end < text.length) fail(tagProblem(text, end, end > 0), end);
  return text;
}

/**
 * Checks one tag and returns it unchanged: 1 to 120 characters of `A-Z a-z 0-9 _ @ # . : -`, or
 * a system tag `$InstallationId:{id}` / `$UserId:{id}` (spelled exactly so, braces required, id of
 * printable ASCII without spaces or braces). Tags are case-sensitive.
 *
 * @throws {TagExpressionError} naming the offending character and its position.
 */
export function validateTag(tag: string): string {
  return checkTag(tag, "tag");
}

/**
 * Parses and validates a tag expression: tags joined with `&&`, `||`, `!` and parentheses,
 * whitespace allowed; `!` binds tighter than `&&`, which binds tighter than `||`. Enforces the
 * service's limits: at most 20 tags when only `||` is used (or for a single tag), otherwise at
 * most 6. A repeated tag counts each time it occurs.
 *
 * @throws {TagExpressionError} for an empty expression, a bad character or tag, unbalanced
 * parentheses, a missing operand or operator, or a limit exceeded; the message says what is wrong,
 * at which character (1-based), and how to fix it.
 */
export function parseTagExpression(text: string): ParsedTagExpression {
  const parsed = parseExpression(text, failFor("tag expression", text));
  return { text: formatNode(parsed.ast), ...parsed };
}

function evaluateNode(node: TagExpressionNode, has: (tag: string) => boolean): boolean {
  switch (node.type) {
    case "tag":
      return has(node.tag);
    case "not":
      return !evaluateNode(node.operand, has);
    case "and":
      return evaluateNode(node.left, has) && evaluateNode(node.right, has);
    case "or":
      return evaluateNode(node.left, has) || evaluateNode(node.right, has);
    default:
      throw new TagExpressionError(
        `evaluateTagExpression: unknown node type ${JSON.stringify((node as { type?: unknown }).type)}; pass the result of parseTagExpression or its ast.`,
      );
  }
}

/**
 * Tells whether a device with the given tags is targeted by an expression. Tags are compared
 * exactly (case-sensitive) when a set is given; pass a function to match differently.
 *
 * @param expr the result of {@link parseTagExpression}, or its `ast`.
 * @param hasTag the device's tags, or a function answering whether the device has a tag.
 * @throws {TagExpressionError} when `expr` or `hasTag` is not of the documented shape.
 */
export function evaluateTagExpression(
  expr: ParsedTagExpression | TagExpressionNode,
  hasTag: ReadonlySet<string> | ((tag: string) => boolean),
): boolean {
  if (typeof expr !== "object" || expr === null) {
    throw new TagExpressionError(
      `evaluateTagExpression: expected a parsed expression or node, got ${describeValue(expr)}.`,
    );
  }
  const node = "ast" in expr ? expr.ast : expr;
  let has: (tag: string) => boolean;
  if (typeof hasTag === "function") has = hasTag;
  else if (typeof hasTag === "object" && hasTag !== null && typeof hasTag.has === "function") {
    has = (tag) => hasTag.has(tag);
  } else {
    throw new TagExpressionError(
      `evaluateTagExpression: hasTag must be a Set of tags or a function, got ${describeValue(hasTag)}.`,
    );
  }
  return evaluateNode(node, has);
}

/**
 * Turns the `tags` send option into the `ServiceBusNotification-Tags` value. A string is one tag
 * (never an expression: use `tagExpression` for those). An iterable is validated tag by tag,
 * duplicates are dropped, and the tags are joined with `||` in order of first appearance.
 *
 * @throws {TagExpressionError} for an invalid tag, a string that looks like an expression, an
 * empty iterable (an empty tag set must never become a broadcast to every device), more than 20
 * distinct tags, or a value that is neither a string nor an iterable of strings.
 */
export function tagsToExpression(tags: string | Iterable<string>): string {
  if (typeof tags === "string" || typeof tags?.[Symbol.iterator] !== "function") {
    return checkTag(tags, "tags (a tag or an iterable of tags; expressions go in tagExpression)");
  }
  const seen = new Set<string>();
  let index = 0;
  for (const tag of tags) {
    seen.add(checkTag(tag, `tag at index ${index++} of tags`));
    if (seen.size > 20) invalid("tags: over 20; split the send");
  }
  if (!seen.size) invalid("tags: none (never a broadcast); give a tag");
  return [...seen].join("||");
}
