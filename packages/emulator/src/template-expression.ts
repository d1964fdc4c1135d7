/**
 * The template expression language of the service (wire reference 5b), applied to one string:
 * `$(prop)`, `$(prop, n)`, `.(prop, n)`, `%(prop)`, `#(prop)`, and `{...}` expressions that join
 * those and `'text'`/`"text"` literals with `+`. Anything that does not parse is kept as written.
 */

/** Template properties by lower-cased name (names are case-insensitive). */
export type TemplateProperties = ReadonlyMap<string, string>;

type FunctionName = "$" | "." | "%" | "#";

interface PropertyTerm {
  kind: "property";
  fn: FunctionName;
  name: string;
  limit: number | undefined;
}

interface LiteralTerm {
  kind: "literal";
  text: string;
}

type Term = PropertyTerm | LiteralTerm;

interface Parsed<T> {
  value: T;
  end: number;
}

/** Builds the property map of a template send body (a flat JSON object). */
export function templateProperties(values: Record<string, unknown>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) {
    map.set(name.toLowerCase(), value === null || value === undefined ? "" : String(value));
  }
  return map;
}

function skipSpace(text: string, index: number): number {
  let i = index;
  while (i < text.length && /\s/.test(text[i] ?? "")) i++;
  return i;
}

function parsePropertyTerm(text: string, start: number): Parsed<PropertyTerm> | undefined {
  const fn = text[start];
  if ((fn !== "$" && fn !== "." && fn !== "%" && fn !== "#") || text[start + 1] !== "(") {
    return undefined;
  }
  const close = text.indexOf(")", start + 2);
  if (close < 0) return undefined;
  const inside = text.slice(start + 2, close);
  const comma = inside.indexOf(",");
  const name = (comma < 0 ? inside : inside.slice(0, comma)).trim();
  if (name === "" || /[(){}'"+]/.test(name)) return undefined;
  let limit: number | undefined;
  if (comma >= 0) {
    const digits = inside.slice(comma + 1).trim();
    if (!/^\d+$/.test(digits)) return undefined;
    limit = Number(digits);
  }
  return { value: { kind: "property", fn, name, limit }, end: close + 1 };
}

function parseLiteral(text: string, start: number): Parsed<LiteralTerm> | undefined {
  const quote = text[start];
  if (quote !== "'" && quote !== '"') return undefined;
  const close = text.indexOf(quote, start + 1);
  if (close < 0) return undefined;
  return { value: { kind: "literal", text: text.slice(start + 1, close) }, end: close + 1 };
}

function parseBraced(text: string, start: number): Parsed<Term[]> | undefined {
  if (text[start] !== "{") return undefined;
  const terms: Term[] = [];
  let i = skipSpace(text, start + 1);
  for (;;) {
    const term = parsePropertyTerm(text, i) ?? parseLiteral(text, i);
    if (term === undefined) return undefined;
    terms.push(term.value);
    i = skipSpace(text, term.end);
    if (text[i] === "}") return { value: terms, end: i + 1 };
    if (text[i] !== "+") return undefined;
    i = skipSpace(text, i + 1);
  }
}

function cut(value: string, limit: number): string {
  const chars = Array.from(value);
  return chars.length <= limit ? value : chars.slice(0, limit).join("");
}

function cutWithDots(value: string, limit: number): string {
  const chars = Array.from(value);
  if (chars.length <= limit) return value;
  if (limit <= 3) return ".".repeat(limit);
  return `${chars.slice(0, limit - 3).join("")}...`;
}

function propertyValue(term: PropertyTerm, properties: TemplateProperties): string {
  const raw = properties.get(term.name.toLowerCase()) ?? "";
  if (term.fn === ".") return term.limit === undefined ? raw : cutWithDots(raw, term.limit);
  const limited = term.limit === undefined ? raw : cut(raw, term.limit);
  return term.fn === "%" ? encodeURIComponent(limited) : limited;
}

/**
 * Renders every expression in `text`. `escapeValue` is applied to values that come from properties
 * (for XML, where literals are already written as XML); literal text is kept as written.
 */
export function renderExpressions(
  text: string,
  properties: TemplateProperties,
  escapeValue: (value: string) => string = (value) => value,
): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const single = parsePropertyTerm(text, i);
    if (single !== undefined) {
      out += escapeValue(propertyValue(single.value, properties));
      i = single.end;
      continue;
    }
    const braced = parseBraced(text, i);
    if (braced !== undefined) {
      for (const term of braced.value) {
        out += term.kind === "literal" ? term.text : escapeValue(propertyValue(term, properties));
      }
      i = braced.end;
      continue;
    }
    out += text[i];
    i++;
  }
  return out;
}

const JS_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * For a JSON string value that is exactly one `#(prop)` (surrounding spaces allowed): the
 * property as a number when its text is a number in JavaScript form, else undefined.
 */
export function renderSoleNumber(text: string, properties: TemplateProperties): number | undefined {
  const start = skipSpace(text, 0);
  const term = parsePropertyTerm(text, start);
  if (term === undefined || term.value.fn !== "#" || skipSpace(text, term.end) !== text.length) {
    return undefined;
  }
  const value = propertyValue(term.value, properties).trim();
  if (!JS_NUMBER.test(value)) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
