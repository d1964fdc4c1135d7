// ADM, Baidu, Xiaomi and Web Push payloads.

import { card, imageList, invalid, isObject, pairs, parseJson, text } from "./preview-common.js";

/** Amazon Device Messaging: `{"data": {...}}`, always handed to the app. */
export function admPreview(body) {
  const payload = parseJson(body);
  if (!isObject(payload)) return invalid("an ADM payload is a JSON object");
  const data = isObject(payload.data) ? payload.data : {};
  const title = text(data.title) ?? "";
  const message = text(data.message) ?? text(data.body) ?? "";
  return card(title || message ? "notification" : "data-only", "Amazon (ADM) message", {
    title,
    body: message,
    data: pairs(data),
    meta: [
      ["consolidationKey", text(payload.consolidationKey)],
      ["expiresAfter", text(payload.expiresAfter)],
    ],
    note: "ADM delivers data to the app, which shows it",
  });
}

/** Baidu: `{"title", "description", "custom_content"}` (form-encoded bodies too). */
export function baiduPreview(body) {
  let payload = parseJson(body);
  if (payload === undefined && body.includes("=")) {
    payload = Object.fromEntries(new URLSearchParams(body));
  }
  if (!isObject(payload)) return invalid("a Baidu payload is a JSON object");
  const title = text(payload.title) ?? "";
  const description = text(payload.description) ?? "";
  const fields = {
    title,
    body: description,
    data: pairs(payload, ["title", "description"]),
  };
  if (title || description) return card("notification", "Baidu notification", fields);
  return card("data-only", "Baidu message", { ...fields, note: "data-only" });
}

/** Xiaomi Mi Push: `{"title", "description", "payload"}`. */
export function xiaomiPreview(body) {
  const payload = parseJson(body);
  if (!isObject(payload)) return invalid("a Xiaomi payload is a JSON object");
  const title = text(payload.title) ?? "";
  const description = text(payload.description) ?? "";
  const fields = {
    title,
    body: description,
    meta: [["payload", text(payload.payload) ?? ""]],
    data: pairs(payload, ["title", "description", "payload"]),
  };
  if (title || description) return card("notification", "Xiaomi notification", fields);
  return card("data-only", "Xiaomi pass-through message", { ...fields, note: "data-only" });
}

/** Web Push: the Notification options a service worker shows (`title`, `body`, `icon`). */
export function browserPreview(body) {
  const payload = parseJson(body);
  if (!isObject(payload)) {
    return card("raw", "Web Push message", { note: "not JSON: the service worker gets text" });
  }
  const title = text(payload.title) ?? "";
  const fields = {
    title,
    body: text(payload.body) ?? "",
    images: imageList(
      [text(payload.icon), "icon"],
      [text(payload.image), "picture"],
      [text(payload.badge), "icon"],
    ),
    meta: [["tag", text(payload.tag)]],
    data: pairs(payload, ["title", "body", "icon", "image", "badge", "tag"]),
  };
  if (title) return card("notification", "Browser notification (Web Push)", fields);
  return card("data-only", "Web Push message", { ...fields, note: "data-only" });
}
