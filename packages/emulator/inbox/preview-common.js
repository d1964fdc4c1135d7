// The preview model every preview-*.js answers: plain data, rendered by preview.js as text.

/**
 * A preview card: `kind` is notification, data-only, raw, badge, tile or invalid; the other
 * fields are strings (or lists of strings / [name, value] pairs) read from the payload, and
 * `images` is a list of `{ src, role }` (see `imageList`).
 */
export function card(kind, label, fields = {}) {
  return {
    kind,
    label,
    title: fields.title ?? "",
    subtitle: fields.subtitle ?? "",
    body: fields.body ?? "",
    lines: fields.lines ?? [],
    images: fields.images ?? [],
    meta: (fields.meta ?? []).filter(([, value]) => value !== undefined && value !== ""),
    data: fields.data ?? [],
    note: fields.note ?? "",
  };
}

/**
 * The images of `[src, role]` pairs whose src is a non-empty string. `role` says where the device
 * shows it: `hero` above the text, `picture` below it, `icon` small beside it.
 */
export function imageList(...entries) {
  return entries
    .filter(([src]) => typeof src === "string" && src.trim() !== "")
    .map(([src, role]) => ({ src, role }));
}

/** The card of a payload that cannot be rendered. */
export function invalid(reason) {
  return card("invalid", "cannot render, see raw", { note: reason });
}

/** The parsed JSON of `text`, or undefined. */
export function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True for a plain JSON object. */
export function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A string, number or boolean as text; anything else as undefined. */
export function text(value) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** The [key, value as text] pairs of an object (nested values as JSON). */
export function pairs(value, skip = []) {
  if (!isObject(value)) return [];
  return Object.entries(value)
    .filter(([key]) => !skip.includes(key))
    .map(([key, item]) => [key, text(item) ?? JSON.stringify(item)]);
}

/** A header value, names compared in lower case. */
export function headerValue(headers, name) {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}
