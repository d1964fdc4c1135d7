// DOM helpers of the inbox page. Every value is set as text (textContent), never parsed as markup.

/** Creates `<tag class="className">text</tag>`; the text is set with textContent. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** Appends the children that are not null or undefined; answers the parent. */
export function append(parent, ...children) {
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) parent.append(child);
  }
  return parent;
}

/** A `<dl>` of name/value rows (values as text). */
export function definitionList(rows, className = "fields") {
  const list = el("dl", className);
  for (const [name, value] of rows) {
    append(list, el("dt", "", name), el("dd", "", value));
  }
  return list;
}

/** A section with an `<h3>` heading. */
export function subsection(title, className = "") {
  const section = el("section", `sub ${className}`.trim());
  append(section, el("h3", "", title));
  return section;
}

/** A `<pre>` showing `text` literally. */
export function pre(text, className = "code") {
  return el("pre", className, text);
}

/** Pretty JSON when `text` is JSON, else `text` unchanged. */
export function prettyText(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A short local time (`14:03:07`) of an ISO time. */
export function shortTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleTimeString([], { hour12: false });
}
