// A conservative well-formedness check run before DOMParser. Chromium's parser-error document
// carries a style attribute, which the page's CSP blocks and reports as a violation; so a body
// that is clearly not well-formed XML is refused here and never reaches DOMParser.

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
const BAD_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/;

function prefixOf(name) {
  const colon = name.indexOf(":");
  return colon < 0 ? "" : name.slice(0, colon);
}

function strip(text) {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/^\s*<\?xml[^?]*\?>/, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "")
    .replace(/<\?[\s\S]*?\?>/g, "")
    .replace(/<!DOCTYPE[^>[]*>/i, "");
}

function openFrame(name, attributes, parent) {
  const prefixes = new Set(parent?.prefixes ?? ["xml"]);
  const names = new Set();
  const used = [prefixOf(name)];
  for (const [, attribute, double, single] of attributes.matchAll(ATTRIBUTE)) {
    if (names.has(attribute) || BAD_AMPERSAND.test(double ?? single ?? "")) return undefined;
    names.add(attribute);
    if (attribute.startsWith("xmlns:")) prefixes.add(attribute.slice(6));
    else if (attribute !== "xmlns") used.push(prefixOf(attribute));
  }
  if (used.some((prefix) => prefix !== "" && !prefixes.has(prefix))) return undefined;
  return { name, prefixes };
}

/** False when `text` is certainly not well-formed XML (one root, balanced tags, bound prefixes). */
export function looksWellFormed(text) {
  const body = strip(text);
  const stack = [];
  let roots = 0;
  let last = 0;
  for (const match of body.matchAll(TAG)) {
    const between = body.slice(last, match.index);
    if (between.includes("<") || BAD_AMPERSAND.test(between)) return false;
    if (stack.length === 0 && between.trim() !== "") return false;
    last = match.index + match[0].length;
    const [, closing, name, attributes, selfClosing] = match;
    if (closing) {
      if (attributes || selfClosing || stack.pop()?.name !== name) return false;
      continue;
    }
    if (stack.length === 0 && ++roots > 1) return false;
    const frame = openFrame(name, attributes, stack[stack.length - 1]);
    if (frame === undefined) return false;
    if (!selfClosing) stack.push(frame);
  }
  const rest = body.slice(last);
  return roots === 1 && stack.length === 0 && rest.trim() === "" && !rest.includes("<");
}
