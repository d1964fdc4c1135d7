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

const S = "[ \\t\\r\\n]";
const NAME = "[A-Za-z_:\\xc0-\\uffff][\\w.:\\xb7-\\uffff-]*";
/** An XML reference: one of the five predefined entities or a character reference. */
const REF = "&(?:amp|lt|gt|quot|apos|#\\d+|#x[\\dA-Fa-f]+);";
/**
 * The tokens, which cover the whole document: a BOM at the start; blank text; (1) other text;
 * (2) a CDATA section; a comment; (3) a processing instruction's target; (4) an end tag's name;
 * a start tag: (5) its name, (6) its attributes, (7) "/" when it closes itself; else (8) a `<`
 * that starts no well-formed markup, `<!` of a DOCTYPE or other declaration, or a bare `&`.
 */
const TOKEN = new RegExp(
  `^\\ufeff|${S}+(?![^<])|((?:[^<&]|${REF})+)|(<!\\[CDATA\\[)[^]*?]]>|<!--[^]*?-->|<\\?(${NAME})(?:${S}[^]*?)?\\?>|<\\/([^>]+?)${S}*>|<(${NAME})((?:${S}+${NAME}${S}*=${S}*(?:"(?:[^<"&]|${REF})*"|'(?:[^<'&]|${REF})*'))*)${S}*(/?)>|(<!(?![-[])|[<&])`,
  "g",
);
/** In the attributes of a start tag (checked by TOKEN): (1) a name and (2) its quoted value. */
const ATTRIBUTE = new RegExp(`([^= \\t\\r\\n]+)${S}*=${S}*("[^"]*"|'[^']*')`, "g");
const CONTROL = /[\0-\b\v\f\x0e-\x1f\ufffe\uffff]/;

/**
 * Checks that `xml` is a well-formed XML document and returns its root element and the root's
 * child elements. Before the root may come a byte order mark, an XML declaration, comments,
 * processing instructions and whitespace; after it only comments, processing instructions and
 * whitespace. A DOCTYPE is refused, and so are entity references other than the five
 * predefined ones and numeric character references. `refuse` throws the adapter's own
 * `PayloadValidationError`; messages give the character position and a short excerpt.
 */
export function xmlOutline(xml: string, refuse: (message: string) => never): XmlOutline {
  const bad = (what: string, at: number): never => {
    const near = xml.slice(at, at + 20);
    return refuse(
      `the payload is not well-formed XML: ${what} at character ${at}${near && ` (near ${JSON.stringify(near)})`}`,
    );
  };
  const open: string[] = [];
  const children: XmlStartTag[] = [];
  let root: XmlStartTag | undefined;
  const control = CONTROL.exec(xml);
  if (control) bad("a character not allowed in XML", control.index);
  // TOKEN and ATTRIBUTE are global: exec goes on from lastIndex (every token is non-empty).
  TOKEN.lastIndex = 0;
  for (let token = TOKEN.exec(xml); token; token = TOKEN.exec(xml)) {
    const [, text, cdata, target, end, name, attributes, close, other] = token;
    const at = token.index;
    if (other) {
      bad(
        other[1]
          ? "a DOCTYPE (not allowed)"
          : "malformed markup or a bare & or < (write &amp; or &lt;)",
        at,
      );
    }
    if ((text || cdata || end || (name && root)) && !open.length) {
      bad(`${text || cdata ? "text" : "a tag"} outside the root element`, at);
    }
    if (/^xml$/i.test(target as string) && at > +(xml[0] === "\ufeff")) {
      bad("an XML declaration not at the start", at);
    }
    if (end) {
      const top = open.pop();
      if (top !== end) bad(`expected </${top}>`, at);
    }
    if (name) {
      const element: XmlStartTag = { name, attributes: new Map() };
      if (!root) root = element;
      else if (open.length === 1) children.push(element);
      if (!close) open.push(name);
      ATTRIBUTE.lastIndex = 0;
      for (let pair = ATTRIBUTE.exec(attributes!); pair; pair = ATTRIBUTE.exec(attributes!)) {
        const [, key, value] = pair as unknown as [string, string, string];
        if (element.attributes.has(key)) bad(`a repeated attribute ${key}`, at);
        element.attributes.set(key, value.slice(1, -1));
      }
    }
  }
  if (open.length) bad(`expected </${open.pop()}>`, xml.length);
  return { root: root ?? bad("no root element", xml.length), children };
}
