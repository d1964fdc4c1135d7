import { InvalidArgumentError } from "@nhub/core";
import { DOMImplementation, DOMParser, XMLSerializer } from "@xmldom/xmldom";

/** Namespace of Atom entries and feeds. */
export const ATOM_NS = "http://www.w3.org/2005/Atom";
/** Namespace of registration descriptions and jobs. */
export const SB_NS = "http://schemas.microsoft.com/netservices/2010/10/servicebus/connect";
/** Namespace of `i:type` and `i:nil`. */
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
/** Namespace of the `etag` attribute of an Atom entry (`a:etag`, `p1:etag`, `p2:etag`). */
export const METADATA_NS = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";
/** Namespace of serialized dictionaries (`d3p1:KeyValueOfstringstring`). */
export const ARRAYS_NS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

type XmlDocument = ReturnType<DOMImplementation["createDocument"]>;
/** An element of an xmldom document. */
export type XmlElement = XmlDocument["documentElement"] & {};

function tryParse(text: string): XmlDocument {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(message);
    },
  }).parseFromString(text, "text/xml");
}

/**
 * Parses XML text into its root element. Hand-written inputs that use a prefix they never
 * declare (`<metadata:etag>`) are parsed again inside a wrapper that declares those prefixes,
 * so elements are still found by namespace and local name. Throws InvalidArgumentError.
 */
export function parseXml(text: string, what: string): XmlElement {
  if (typeof text !== "string" || text.trim() === "") {
    throw new InvalidArgumentError(`Expected ${what} as XML text, got an empty body.`);
  }
  try {
    const root = tryParse(text).documentElement;
    if (root) return root;
  } catch (error) {
    const body = text.replace(/^\uFEFF?\s*<\?xml[^>]*\?>/, "");
    const prefixes = new Set<string>();
    for (const match of body.matchAll(/<\/?([A-Za-z_][\w.-]*):/g)) prefixes.add(match[1] as string);
    prefixes.delete("xml");
    if (prefixes.size > 0) {
      const declarations = [...prefixes]
        .map((p) => ` xmlns:${p}="urn:nhub:undeclared:${p}"`)
        .join("");
      try {
        const wrapper = tryParse(
          `<nhub-wrapper${declarations}>${body}</nhub-wrapper>`,
        ).documentElement;
        const root = wrapper ? elements(wrapper)[0] : undefined;
        if (root) return root;
      } catch {
        // fall through to the original error
      }
    }
    throw new InvalidArgumentError(
      `Expected ${what}, but the text is not well-formed XML: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  throw new InvalidArgumentError(`Expected ${what}, but the text holds no XML element.`);
}

/** The child elements of `parent`, in document order. */
export function elements(parent: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === ELEMENT) out.push(node as XmlElement);
  }
  return out;
}

/** True when `el` has this local name and namespace (`null` namespace matches any). */
export function isElement(el: XmlElement, localName: string, namespace: string | null): boolean {
  return el.localName === localName && (namespace === null || el.namespaceURI === namespace);
}

/** The first child element with this local name (and namespace unless `null`). */
export function child(
  parent: XmlElement,
  localName: string,
  namespace: string | null = null,
): XmlElement | undefined {
  return elements(parent).find((el) => isElement(el, localName, namespace));
}

/** The text of `el` (text and CDATA children, concatenated). */
export function textOf(el: XmlElement): string {
  let out = "";
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === TEXT || node.nodeType === CDATA)
      out += (node as unknown as { data: string }).data;
  }
  return out;
}

/** True for `<X i:nil="true"/>`. */
export function isNil(el: XmlElement): boolean {
  return el.getAttributeNS(XSI_NS, "nil") === "true";
}

/** Text of a child element; undefined when absent or nil. */
export function childText(
  parent: XmlElement,
  localName: string,
  namespace: string | null = null,
): string | undefined {
  const el = child(parent, localName, namespace);
  return el === undefined || isNil(el) ? undefined : textOf(el);
}

/** Builds documents with xmldom and serializes them with an XML declaration. */
export class XmlWriter {
  readonly doc: XmlDocument;
  constructor(rootNamespace: string, rootName: string) {
    this.doc = new DOMImplementation().createDocument(rootNamespace, rootName, null);
  }
  get root(): XmlElement {
    return this.doc.documentElement as XmlElement;
  }
  /** Appends `<name>` in `namespace` (qualified names such as `d3p1:Key` keep their prefix). */
  element(parent: XmlElement, namespace: string, name: string, text?: string): XmlElement {
    const el = this.doc.createElementNS(namespace, name);
    if (text !== undefined) el.appendChild(this.doc.createTextNode(text));
    parent.appendChild(el);
    return el as XmlElement;
  }
  /** Appends `<name>` holding `text` as CDATA, split so that `]]>` never ends a section early. */
  cdataElement(parent: XmlElement, namespace: string, name: string, text: string): XmlElement {
    const el = this.element(parent, namespace, name);
    const parts = text.split("]]>");
    parts.forEach((part, index) => {
      const data = (index > 0 ? ">" : "") + part + (index < parts.length - 1 ? "]]" : "");
      el.appendChild(this.doc.createCDATASection(data));
    });
    return el;
  }
  /** Declares `xmlns:prefix` on `el`. */
  declare(el: XmlElement, prefix: string, namespace: string): void {
    el.setAttributeNS(XMLNS_NS, `xmlns:${prefix}`, namespace);
  }
  toString(): string {
    return XML_DECLARATION + new XMLSerializer().serializeToString(this.doc);
  }
}

/** Rejects text that XML 1.0 cannot carry (control characters, lone surrogates). */
export function assertXmlText(value: string, field: string): void {
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;
  if (bad.test(value)) {
    throw new InvalidArgumentError(
      `${field} contains a character XML cannot carry (a control character or a lone surrogate); remove it.`,
    );
  }
}
