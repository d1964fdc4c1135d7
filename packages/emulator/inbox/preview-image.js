// The images of a preview. An image from a payload is loaded only from an http:, https: or
// data:image URL, set as a property of an <img> made with DOM APIs (never as markup), without a
// referrer; any other URL, and one that fails to load, is shown as its text.

import { append, el } from "./dom.js";

/** The URL to load for a payload image, or undefined when it must not be loaded. */
export function loadableImageUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  if (url.protocol === "data:" && /^data:image\/[a-z0-9.+-]+[;,]/i.test(url.href)) return url.href;
  return undefined;
}

/** The text form of an image: its role and its URL. */
function asText(item, image, reason) {
  item.classList.add("as-text");
  item.title = reason;
  item.replaceChildren(el("span", "image-tag", image.role), el("code", "url", image.src));
}

/**
 * An `<li class="preview-image role-...">` showing `image`. When it is not loaded the item shows
 * the URL as text (class `as-text`); when it fails to load, it does so and moves to the end of
 * `textList`, where text fits.
 */
export function imageItem(image, textList) {
  const item = el("li", `preview-image role-${image.role}`);
  const src = loadableImageUrl(image.src);
  if (src === undefined) {
    asText(item, image, "not loaded: not an http:, https: or data:image URL");
    return item;
  }
  const img = document.createElement("img");
  img.alt = image.src;
  img.title = image.src;
  img.referrerPolicy = "no-referrer";
  img.loading = "lazy";
  img.decoding = "async";
  img.addEventListener(
    "error",
    () => {
      asText(item, image, "the image could not be loaded");
      append(textList, item);
    },
    { once: true },
  );
  img.src = src;
  return append(item, img);
}
