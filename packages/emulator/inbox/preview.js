// The preview of a delivery "as the device would show it", built from text nodes only.

import { append, definitionList, el } from "./dom.js";
import { fcmV1Preview, gcmPreview } from "./preview-android.js";
import { applePreview } from "./preview-apple.js";
import { invalid } from "./preview-common.js";
import { imageItem } from "./preview-image.js";
import { admPreview, baiduPreview, browserPreview, xiaomiPreview } from "./preview-other.js";
import { mpnsPreview, wnsPreview } from "./preview-windows.js";

const PREVIEWS = {
  apns: applePreview,
  fcmv1: fcmV1Preview,
  gcm: gcmPreview,
  wns: wnsPreview,
  mpns: mpnsPreview,
  adm: admPreview,
  baidu: baiduPreview,
  xiaomi: xiaomiPreview,
  browser: browserPreview,
};

/** The preview model of a delivery (see preview-common.js `card`). */
export function previewOf(delivery) {
  const preview = PREVIEWS[delivery.platform];
  if (preview === undefined) return invalid(`no preview for platform '${delivery.platform}'`);
  if (!delivery.bodyIsUtf8 && delivery.platform !== "wns" && delivery.platform !== "mpns") {
    return invalid("the body is not UTF-8");
  }
  try {
    return preview(delivery.body, delivery.headers);
  } catch (error) {
    return invalid(`the payload could not be read (${error.message})`);
  }
}

/** One line summing up a delivery for the list. */
export function summaryOf(card) {
  if (card.title && card.body) return `${card.title}: ${card.body.split("\n")[0]}`;
  return card.title || card.body.split("\n")[0] || card.label;
}

/**
 * The images of a card by place: hero above the text, icons beside it, pictures below it, and
 * those shown as text (not loadable, or failed to load) last.
 */
function imageLists(images) {
  const lists = {
    hero: el("ul", "preview-images hero-images"),
    icon: el("ul", "preview-images icon-images"),
    picture: el("ul", "preview-images picture-images"),
    text: el("ul", "preview-images text-images"),
  };
  for (const image of images) {
    const item = imageItem(image, lists.text);
    const list = item.classList.contains("as-text") ? lists.text : lists[image.role];
    append(list ?? lists.picture, item);
  }
  return lists;
}

/** The device-like card of a preview. */
export function renderPreview(card, platform) {
  const box = el("article", `device-card kind-${card.kind} platform-${platform}`);
  const head = el("header", "card-head");
  append(head, el("span", "app-icon"), el("span", "card-label", card.label));
  const images = imageLists(card.images);
  const text = el("div", "card-text");
  if (card.title) append(text, el("p", "preview-title", card.title));
  if (card.subtitle) append(text, el("p", "preview-subtitle", card.subtitle));
  if (card.body) append(text, el("p", "preview-body", card.body));
  if (card.lines.length > 0) {
    const lines = el("ul", "preview-lines");
    for (const line of card.lines) append(lines, el("li", "", line));
    append(text, lines);
  }
  append(box, head, images.hero, append(el("div", "card-main"), text, images.icon));
  append(box, images.picture, images.text);
  if (card.note) append(box, el("p", "preview-note", card.note));
  const wrap = el("div", "preview");
  append(wrap, box);
  if (card.meta.length > 0) append(wrap, definitionList(card.meta, "fields meta"));
  if (card.data.length > 0) {
    append(wrap, el("h4", "", "data"), definitionList(card.data, "fields data-keys"));
  }
  return wrap;
}
