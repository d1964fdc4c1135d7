import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The headers of every file of the inbox page. Scripts, styles and fetches stay on the page's
 * own origin; images may come from any http:, https: or data: URL, since a preview shows the
 * images a payload names (an image cannot run script).
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' http: https: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
};

const TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  json: "application/json; charset=utf-8",
};

/** The `inbox/` folder of the package, from `src/` (tests) or `dist/` (ESM or CJS). */
export function inboxFolder(): string {
  if (typeof __dirname === "string") return join(__dirname, "..", "inbox");
  return fileURLToPath(new URL("../inbox/", import.meta.url));
}

/** A flat file name of the page (`inbox.js`), or undefined for anything else. */
export function pageFileName(parts: readonly string[]): string | undefined {
  if (parts.length === 0) return "index.html";
  const [name] = parts;
  if (parts.length !== 1 || name === undefined) return undefined;
  return /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9]+)+$/.test(name) ? name : undefined;
}

/** Answers a file of `inbox/` with the page headers; false when there is no such file. */
export async function servePageFile(res: ServerResponse, name: string): Promise<boolean> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(inboxFolder(), name));
  } catch {
    return false;
  }
  const extension = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
  res.writeHead(200, {
    ...PAGE_HEADERS,
    "content-type": TYPES[extension] ?? "application/octet-stream",
  });
  res.end(bytes);
  return true;
}

/**
 * True for the page's script and style files: static code shipped in the package, holding no
 * hub data, so they are served without the inspection token. A browser loads them (and the ES
 * modules they import) by plain relative URLs that cannot carry the page's `?token=`.
 */
export function isPublicPageAsset(name: string): boolean {
  return name !== "index.html" && /\.(js|css)$/.test(name);
}
