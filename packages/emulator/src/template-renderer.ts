import {
  renderExpressions,
  renderSoleNumber,
  type TemplateProperties,
  templateProperties,
} from "./template-expression.js";
import { escapeXml } from "./xml-escape.js";

export type { TemplateProperties };
export { templateProperties };

/** The kind of document a template body is. */
export type TemplateKind = "xml" | "json" | "text";

/** Guesses the kind of a template body: XML when it starts with `<`, JSON when it parses. */
export function templateKind(body: string): TemplateKind {
  const trimmed = body.replace(/^\uFEFF/, "").trimStart();
  if (trimmed.startsWith("<")) return "xml";
  try {
    JSON.parse(body);
    return "json";
  } catch {
    return "text";
  }
}

function renderJsonValue(value: unknown, properties: TemplateProperties): unknown {
  if (typeof value === "string") {
    return renderSoleNumber(value, properties) ?? renderExpressions(value, properties);
  }
  if (Array.isArray(value)) return value.map((item) => renderJsonValue(item, properties));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = renderJsonValue(item, properties);
    return out;
  }
  return value;
}

/** Renders a JSON template: expressions in string values only (never in keys). */
export function renderJsonTemplate(body: string, properties: TemplateProperties): string {
  return JSON.stringify(renderJsonValue(JSON.parse(body), properties));
}

function copyUntil(body: string, start: number, terminator: string): number {
  const end = body.indexOf(terminator, start);
  return end < 0 ? body.length : end + terminator.length;
}

function renderTag(tag: string, properties: TemplateProperties): string {
  return tag.replace(/"([^"]*)"|'([^']*)'/g, (_match, double?: string, single?: string) => {
    const quote = double === undefined ? "'" : '"';
    const value = double ?? single ?? "";
    return `${quote}${renderExpressions(value, properties, escapeXml)}${quote}`;
  });
}

/**
 * Renders an XML template: expressions in attribute values and text nodes (and CDATA); property
 * values are XML-escaped, literals are kept as written. Comments, declarations and tag names are
 * copied unchanged.
 */
export function renderXmlTemplate(body: string, properties: TemplateProperties): string {
  let out = "";
  let i = 0;
  while (i < body.length) {
    if (body.startsWith("<!--", i)) {
      const end = copyUntil(body, i, "-->");
      out += body.slice(i, end);
      i = end;
    } else if (body.startsWith("<![CDATA[", i)) {
      const end = copyUntil(body, i, "]]>");
      const inner = body.slice(i + 9, Math.max(i + 9, end - 3));
      const rendered = renderExpressions(inner, properties, (value) =>
        value.replace(/]]>/g, "]]]]><![CDATA[>"),
      );
      out += `<![CDATA[${rendered}]]>`;
      i = end;
    } else if (body.startsWith("<?", i) || body.startsWith("<!", i) || body.startsWith("</", i)) {
      const end = copyUntil(body, i, body.startsWith("<?", i) ? "?>" : ">");
      out += body.slice(i, end);
      i = end;
    } else if (body[i] === "<") {
      const end = findTagEnd(body, i);
      out += renderTag(body.slice(i, end), properties);
      i = end;
    } else {
      const next = body.indexOf("<", i);
      const end = next < 0 ? body.length : next;
      out += renderExpressions(body.slice(i, end), properties, escapeXml);
      i = end;
    }
  }
  return out;
}

function findTagEnd(body: string, start: number): number {
  let quote: string | undefined;
  for (let i = start + 1; i < body.length; i++) {
    const c = body[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === ">") {
      return i + 1;
    }
  }
  return body.length;
}

/** Renders a template body (XML, JSON, or other text) with the properties of a template send. */
export function renderTemplate(body: string, properties: TemplateProperties): string {
  const kind = templateKind(body);
  if (kind === "xml") return renderXmlTemplate(body, properties);
  if (kind === "json") return renderJsonTemplate(body, properties);
  return renderExpressions(body, properties);
}
