/**
 * Parameters of a header value such as a Content-Type or a Content-Disposition (RFC 7231 §3.1.1.1,
 * RFC 2045 §5.1): `type/subtype *( OWS ";" OWS name "=" value )` where the value is a token or a
 * quoted-string, optional whitespace is allowed around `;` and (leniently, as senders do) around
 * `=`, and parameter names are case-insensitive.
 */

/** The result of {@link parseHeaderParams}: the value before the first `;` and its parameters. */
export interface HeaderParams {
  /** The value before the first `;`, trimmed and lower-cased (e.g. `multipart/mixed`). */
  value: string;
  /** Parameters by lower-cased name; the value unquoted (backslash escapes undone). */
  params: Map<string, string>;
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const isSpace = (ch: string | undefined): boolean => ch === " " || ch === "\t";

/**
 * Parses `value; name = "quoted"; other=token`. Returns `undefined` when the text is malformed
 * (an unterminated quoted-string, a parameter without `=`, junk after a value).
 */
export function parseHeaderParams(text: string): HeaderParams | undefined {
  const semicolon = text.indexOf(";");
  const value = (semicolon < 0 ? text : text.slice(0, semicolon)).trim().toLowerCase();
  const params = new Map<string, string>();
  if (semicolon < 0) return { value, params };
  let i = semicolon;
  const skipSpace = (): void => {
    while (isSpace(text[i])) i++;
  };
  while (i < text.length) {
    // at a ';' (or the end)
    i++;
    skipSpace();
    if (i >= text.length) break;
    if (text[i] === ";") continue;
    const nameStart = i;
    while (i < text.length && TOKEN.test(text[i] as string)) i++;
    const name = text.slice(nameStart, i).toLowerCase();
    skipSpace();
    if (name === "" || text[i] !== "=") return undefined;
    i++;
    skipSpace();
    let paramValue = "";
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < text.length) {
        const ch = text[i] as string;
        if (ch === "\\" && i + 1 < text.length) {
          paramValue += text[i + 1];
          i += 2;
        } else if (ch === '"') {
          closed = true;
          i++;
          break;
        } else {
          paramValue += ch;
          i++;
        }
      }
      if (!closed) return undefined;
    } else {
      const valueStart = i;
      while (i < text.length && TOKEN.test(text[i] as string)) i++;
      paramValue = text.slice(valueStart, i);
      if (paramValue === "") return undefined;
    }
    skipSpace();
    if (i < text.length && text[i] !== ";") return undefined;
    if (!params.has(name)) params.set(name, paramValue);
  }
  return { value, params };
}
