import { parseHeaderParams } from "./header-params.js";

/** One part of a multipart body. */
export interface MultipartPart {
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The `name` of its `Content-Disposition`, if any. */
  name: string | undefined;
  body: Buffer;
}

/** A malformed multipart body; the message says what is wrong. */
export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MultipartError";
  }
}

/**
 * Reads the `boundary` parameter of a `multipart/...` Content-Type per RFC 2046/7231: a token or
 * a quoted-string, optional whitespace around `;` and `=`, a case-insensitive parameter name.
 */
export function multipartBoundary(contentType: string | undefined): string {
  const parsed = contentType === undefined ? undefined : parseHeaderParams(contentType);
  if (parsed === undefined || !parsed.value.startsWith("multipart/")) {
    throw new MultipartError(
      "Content-Type must be multipart/mixed with a boundary, e.g. 'multipart/mixed; boundary=\"nh-boundary\"'",
    );
  }
  const boundary = parsed.params.get("boundary");
  if (
    boundary === undefined ||
    boundary.length === 0 ||
    boundary.length > 70 ||
    / $/.test(boundary)
  ) {
    throw new MultipartError(
      "Content-Type has no valid boundary parameter (1 to 70 characters, not ending in a space)",
    );
  }
  return boundary;
}

function parsePartHead(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MultipartError(`malformed part header line '${line.slice(0, 60)}'`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function dispositionName(disposition: string | undefined): string | undefined {
  if (disposition === undefined) return undefined;
  return parseHeaderParams(disposition)?.params.get("name");
}

/**
 * Parses a multipart body with CRLF line endings (RFC 2046): a preamble, parts that each start
 * with `--boundary` CRLF, headers, an empty line and content, and the closing `--boundary--`.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const text = body.toString("latin1");
  const delimiter = `--${boundary}`;
  const first = text.startsWith(delimiter) ? 0 : text.indexOf(`\r\n${delimiter}`);
  if (first < 0) throw new MultipartError("the body does not contain the boundary");
  let position = first === 0 ? delimiter.length : first + 2 + delimiter.length;
  const parts: MultipartPart[] = [];
  for (;;) {
    if (text.startsWith("--", position)) return finish(parts);
    if (!text.startsWith("\r\n", position)) {
      throw new MultipartError("a boundary line must end with CRLF");
    }
    const start = position + 2;
    const next = text.indexOf(`\r\n${delimiter}`, start);
    if (next < 0) throw new MultipartError("the body has no closing boundary");
    const chunk = text.slice(start, next);
    let headText = "";
    let contentStart = 2;
    if (!chunk.startsWith("\r\n")) {
      const headEnd = chunk.indexOf("\r\n\r\n");
      if (headEnd < 0) throw new MultipartError("a part has no empty line after its headers");
      headText = chunk.slice(0, headEnd);
      contentStart = headEnd + 4;
    }
    const headers = parsePartHead(headText);
    parts.push({
      headers,
      name: dispositionName(headers["content-disposition"]),
      body: Buffer.from(chunk.slice(contentStart), "latin1"),
    });
    position = next + 2 + delimiter.length;
  }
}

function finish(parts: MultipartPart[]): MultipartPart[] {
  if (parts.length === 0) throw new MultipartError("the body has no parts");
  return parts;
}
