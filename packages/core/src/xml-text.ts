/**
 * Reads element text out of the small, flat XML bodies a send can get back (an error's
 * `<Detail>`, a test send's `NotificationOutcome`) with two regular expressions, so the send path
 * carries no XML parser. Elements match by local name (any prefix), attributes are skipped,
 * CDATA and entities are decoded. Bodies with nested elements of the same name are not read
 * with this (outcome details use `xml-lite.ts`).
 */

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const TEXT = /<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[\da-f]+|#\d+|\w+);|<[^>]*>/gi;

function decode(whole: string, cdata?: string, ref?: string): string {
  if (cdata !== undefined) return cdata;
  if (ref === undefined) return ""; // a comment or a child tag inside the text
  if (ref[0] !== "#") return ENTITIES[ref] ?? whole;
  const code = Number.parseInt(
    ref.slice(ref[1] === "x" || ref[1] === "X" ? 2 : 1),
    ref[1] === "x" || ref[1] === "X" ? 16 : 10,
  );
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

/** The trimmed, decoded text of the first element named `name`, or undefined without one. */
export function xmlText(xml: string, name: string): string | undefined {
  const inner = xmlElements(xml, name)[0];
  return inner?.replace(TEXT, decode).trim();
}
