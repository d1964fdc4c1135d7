/**
 * Reads element text out of the small XML bodies core gets back (an error's `<Detail>`, a test
 * send's `NotificationOutcome`, notification details) with two regular expressions, so the send
 * path carries no XML parser. Elements match by local name (any prefix), attributes are skipped,
 * CDATA and entities are decoded. Not for bodies that nest an element inside one of the same
 * name (none of the bodies core reads do).
 */

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const TEXT = /<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[\da-f]+|#\d+|\w+);|<[^>]*>/gi;

function decode(whole: string, cdata?: string, ref?: string): string {
  if (cdata !== undefined) return cdata;
  if (ref === undefined) return ""; // a comment or a child tag inside the text
  if (ref[0] !== "#") return ENTITIES[ref] ?? whole;
  const hex = ref[1] === "x" || ref[1] === "X";
  const code = Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

/** The inner XML of every element named `name` (local name), in document order. */
export function xmlElements(xml: string, name: string): string[] {
  const pattern = new RegExp(
    `<(?:[\\w.-]+:)?${name}(?:\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}\\s*>)`,
    "g",
  );
  return [...xml.matchAll(pattern)].map((match) => match[1] ?? "");
}

/**
 * The decoded text of the first element named `name` (trimmed unless `trim` is false), or
 * undefined without one.
 */
export function xmlText(xml: string, name: string, trim = true): string | undefined {
  const text = xmlElements(xml, name)[0]?.replace(TEXT, decode);
  return trim ? text?.trim() : text;
}
