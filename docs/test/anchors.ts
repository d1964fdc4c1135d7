/** The `id` and `name` attribute values of an HTML or SVG text, entities decoded. */
export function anchorsOf(html: string): Set<string> {
  const decode = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  return new Set([...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => decode(m[1] as string)));
}

/**
 * Checks `#fragment` links: `links` maps a target path (`/documents/Concepts.html`) to the
 * fragments linked to it, each with the page it was found on. Returns `"<from> -> <target>#<fragment>"`
 * for every fragment with no element of that `id` (or `name`) on the target page.
 */
export async function missingAnchors(
  origin: string,
  links: Map<string, Map<string, string>>,
): Promise<string[]> {
  const missing: string[] = [];
  for (const [target, fragments] of links) {
    const res = await fetch(origin + target);
    const anchors = res.ok ? anchorsOf(await res.text()) : new Set<string>();
    for (const [fragment, from] of fragments)
      if (!anchors.has(fragment)) missing.push(`${from} -> ${target}#${fragment}`);
  }
  return missing;
}

/** Records the fragment of `url` (if any, and not the empty `#`) as linked from `from`. */
export function recordFragment(
  links: Map<string, Map<string, string>>,
  url: URL,
  from: string,
): void {
  const fragment = decodeURIComponent(url.hash.slice(1));
  if (fragment === "") return;
  const fragments = links.get(url.pathname) ?? new Map<string, string>();
  if (!fragments.has(fragment)) fragments.set(fragment, from);
  links.set(url.pathname, fragments);
}
