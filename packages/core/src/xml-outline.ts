const NAME = /[A-Za-z_:\u00c0-\uffff][\w.:\u00b7-\uffff-]*/y;
const SPACE = /[ \t\r\n]*/y;
const BLANK = /^[ \t\r\n]*$/;
const BAD_REF = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** A start tag: its qualified name and attributes (namespace declarations included). */
export interface XmlStartTag {
  name: string;
  attributes: Map<string, string>;
}

/** The root element of a document and its child elements. */
export interface XmlOutline {
  root: XmlStartTag;
  children: XmlStartTag[];
}

/**
 * Checks that `xml` is a well-formed XML document and returns its root element and the root's
 * child elements. Before the root may come a byte order mark, an XML declaration, comments,
 * processing instructions and whitespace; after it only comments, processing instructions and
 * whitespace. A DOCTYPE is refused, and so are entity references other than the five
 * predefined ones and numeric character references. `refuse` throws the adapter's own
 * `PayloadValidationError`; messages give the character position and a short excerpt.
 */
export function xmlOutline(xml: string, refuse: (message: string) => never): XmlOutline {
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const start = i;
  const open: string[] = [];
  let root: XmlStartTag | undefined;
  const children: XmlStartTag[] = [];

  function bad(what: string, at = i): never {
    const near = xml.slice(at, at + 20);
    return refuse(
      `the payload is not well-formed XML: ${what} at character ${at}${near ? ` (near ${JSON.stringify(near)})` : ""}`,
    );
  }
  function name(): string {
    NAME.lastIndex = i;
    const found = NAME.exec(xml);
    if (!found) bad("expected a name");
    i += found[0].length;
    return found[0];
  }
  function space(): boolean {
    SPACE.lastIndex = i;
    const length = SPACE.exec(xml)?.[0].length ?? 0;
    i += length;
    return length > 0;
  }
  function skip(end: string, what: string): void {
    const at = xml.indexOf(end, i);
    if (at < 0) bad(`an unclosed ${what}`);
    i = at + end.length;
  }

  const control = CONTROL.exec(xml);
  if (control) bad("a character not allowed in XML", control.index);
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt < 0 ? undefined : lt);
    if (open.length === 0 && !BLANK.test(text)) bad("text outside the root element");
    const ref = BAD_REF.exec(text);
    if (ref) bad('an "&" that is not an entity reference (write &amp;)', i + ref.index);
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith("<!--", i)) skip("-->", "comment");
    else if (xml.startsWith("<![CDATA[", i)) {
      if (open.length === 0) bad("a CDATA section outside the root element");
      skip("]]>", "CDATA section");
    } else if (xml.startsWith("<!", i)) bad("a DOCTYPE or declaration (not allowed)");
    else if (xml.startsWith("<?", i)) {
      i += 2;
      if (name().toLowerCase() === "xml" && lt !== start)
        bad("an XML declaration not at the start", lt);
      skip("?>", "processing instruction");
    } else if (xml[i + 1] === "/") {
      i += 2;
      const closing = name();
      space();
      if (xml[i] !== ">") bad('expected ">"');
      i++;
      const top = open.pop();
      if (top !== closing) {
        bad(
          top ? `</${closing}> where </${top}> was expected` : `</${closing}> without <${closing}>`,
          lt,
        );
      }
    } else {
      i++;
      const element: XmlStartTag = { name: name(), attributes: new Map() };
      if (root !== undefined && open.length === 0)
        bad(`a second root element <${element.name}>`, lt);
      if (root === undefined) root = element;
      else if (open.length === 1) children.push(element);
      for (;;) {
        const spaced = space();
        if (xml.startsWith("/>", i)) {
          i += 2;
          break;
        }
        if (xml[i] === ">") {
          i++;
          open.push(element.name);
          break;
        }
        if (!spaced) bad(`expected ">", "/>" or an attribute in <${element.name}>`);
        const attribute = name();
        if (element.attributes.has(attribute)) bad(`a repeated attribute ${attribute}`);
        space();
        if (xml[i] !== "=") bad(`attribute ${attribute} without "="`);
        i++;
        space();
        const quote = xml[i];
        if (quote !== '"' && quote !== "'") bad(`attribute ${attribute} without a quoted value`);
        const end = xml.indexOf(quote, i + 1);
        if (end < 0) bad(`attribute ${attribute} with an unclosed value`);
        const value = xml.slice(i + 1, end);
        if (value.includes("<")) bad(`a "<" in attribute ${attribute} (write &lt;)`);
        if (BAD_REF.test(value))
          bad(`an "&" in attribute ${attribute} that is not an entity reference (write &amp;)`);
        element.attributes.set(attribute, value);
        i = end + 1;
      }
    }
  }
  if (open.length > 0) bad(`<${open[open.length - 1]}> never closed`);
  if (root === undefined) bad("no root element");
  return { root, children };
}
