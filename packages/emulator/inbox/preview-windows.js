// WNS toast, tile, badge and raw, and MPNS toast, tile and raw. XML is parsed with DOMParser as
// application/xml (never text/html) and only read: nothing of it is put into the page as markup.

import { card, headerValue, imageList, invalid } from "./preview-common.js";
import { looksWellFormed } from "./xml-check.js";

function parseXml(body) {
  if (!looksWellFormed(body)) return undefined;
  const doc = new DOMParser().parseFromString(body, "application/xml");
  if (doc.getElementsByTagName("parsererror").length > 0) return undefined;
  return doc;
}

/** Elements with this local name (any namespace prefix), in document order. */
function named(root, localName) {
  return [...root.getElementsByTagName("*")].filter((node) => node.localName === localName);
}

function texts(root) {
  return named(root, "text")
    .map((node) => node.textContent.trim())
    .filter(Boolean);
}

// ToastGeneric places an image by its `placement`: `hero` above the text, `appLogoOverride` as the
// small logo beside it, none (inline) below it.
const PLACEMENTS = { hero: "hero", applogooverride: "icon" };

function images(root) {
  return imageList(
    ...named(root, "image").map((node) => [
      node.getAttribute("src") ?? "",
      PLACEMENTS[(node.getAttribute("placement") ?? "").toLowerCase()] ?? "picture",
    ]),
  );
}

function toast(doc) {
  const root = doc.documentElement;
  const bindings = named(root, "binding");
  const binding = bindings.find((node) => node.getAttribute("template") === "ToastGeneric");
  const source = binding ?? bindings[0] ?? root;
  const [title = "", ...rest] = texts(source);
  const audio = named(root, "audio")[0];
  return card("notification", "Windows toast", {
    title,
    body: rest.join("\n"),
    images: images(source),
    meta: [
      ["template", binding ? "ToastGeneric" : (source.getAttribute?.("template") ?? "")],
      ["launch", root.getAttribute("launch") ?? ""],
      ["scenario", root.getAttribute("scenario") ?? ""],
      ["audio", audio?.getAttribute("src") ?? ""],
    ],
  });
}

function tile(doc) {
  const bindings = named(doc.documentElement, "binding");
  const lines = bindings.flatMap((node) => texts(node));
  return card("tile", "Windows live tile", {
    title: lines[0] ?? "",
    body: lines.slice(1).join("\n"),
    images: images(doc.documentElement),
    meta: [["bindings", bindings.map((node) => node.getAttribute("template") ?? "?").join(", ")]],
  });
}

function badge(doc) {
  const value = doc.documentElement.getAttribute("value") ?? "";
  const glyph = /^\d+$/.test(value) ? "number" : "glyph";
  return card("badge", "Windows badge", { title: value, meta: [[glyph, value]] });
}

/** The preview of a WNS send (`X-WNS-Type` says which). */
export function wnsPreview(body, headers) {
  const type = (headerValue(headers, "x-wns-type") ?? "").toLowerCase();
  if (type === "wns/raw") {
    return card("raw", "Windows raw notification", {
      note: "raw: delivered to the app as bytes, nothing is shown",
    });
  }
  const doc = parseXml(body);
  if (doc === undefined) return invalid("the body is not well-formed XML");
  const root = doc.documentElement.localName;
  if (type === "wns/toast" || (type === "" && root === "toast")) return toast(doc);
  if (type === "wns/tile" || (type === "" && root === "tile")) return tile(doc);
  if (type === "wns/badge" || (type === "" && root === "badge")) return badge(doc);
  return invalid(`no preview for X-WNS-Type '${type}' with root <${root}>`);
}

function mpnsValue(root, name) {
  return named(root, name)[0]?.textContent.trim() ?? "";
}

/** The preview of an MPNS (Windows Phone) send. */
export function mpnsPreview(body, headers) {
  const notificationClass = headerValue(headers, "x-notificationclass") ?? "";
  const target = (headerValue(headers, "x-windowsphone-target") ?? "").toLowerCase();
  if (notificationClass.endsWith("3") || (target !== "toast" && target !== "token" && target)) {
    return card("raw", "Windows Phone raw notification", { note: "raw: nothing is shown" });
  }
  const doc = parseXml(body);
  if (doc === undefined) return invalid("the body is not well-formed XML");
  const root = doc.documentElement;
  const toastNode = named(root, "Toast")[0];
  if (toastNode !== undefined) {
    return card("notification", "Windows Phone toast", {
      title: mpnsValue(toastNode, "Text1"),
      body: mpnsValue(toastNode, "Text2"),
      meta: [["param", mpnsValue(toastNode, "Param")]],
    });
  }
  const tileNode = named(root, "Tile")[0];
  if (tileNode !== undefined) {
    return card("tile", "Windows Phone tile", {
      title: mpnsValue(tileNode, "Title"),
      body: mpnsValue(tileNode, "BackContent"),
      lines: [mpnsValue(tileNode, "BackTitle")].filter(Boolean),
      images: imageList(
        [mpnsValue(tileNode, "BackgroundImage"), "picture"],
        [mpnsValue(tileNode, "BackBackgroundImage"), "picture"],
      ),
      meta: [["count", mpnsValue(tileNode, "Count")]],
    });
  }
  return invalid("an MPNS payload has a wp:Toast or wp:Tile element");
}
