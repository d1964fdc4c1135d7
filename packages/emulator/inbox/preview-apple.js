// An APNs payload as iOS shows it: the alert (string or object), badge, sound, or background.

import { card, invalid, isObject, pairs, parseJson, text } from "./preview-common.js";

function alertFields(alert) {
  if (typeof alert === "string") return { body: alert };
  if (!isObject(alert)) return {};
  return {
    title: text(alert.title) ?? text(alert["title-loc-key"]),
    subtitle: text(alert.subtitle) ?? text(alert["subtitle-loc-key"]),
    body: text(alert.body) ?? text(alert["loc-key"]),
  };
}

function soundName(sound) {
  if (isObject(sound)) return text(sound.name);
  return text(sound);
}

/** The preview of an APNs JSON body. */
export function applePreview(body) {
  const payload = parseJson(body);
  if (!isObject(payload) || !isObject(payload.aps)) {
    return invalid('an APNs payload is a JSON object with an "aps" object');
  }
  const aps = payload.aps;
  const alert = alertFields(aps.alert);
  const meta = [
    ["badge", text(aps.badge)],
    ["sound", soundName(aps.sound)],
    ["category", text(aps.category)],
    ["thread-id", text(aps["thread-id"])],
    ["mutable-content", text(aps["mutable-content"])],
    ["content-available", text(aps["content-available"])],
    ["interruption-level", text(aps["interruption-level"])],
  ];
  const data = pairs(payload, ["aps"]);
  const fields = { ...alert, meta, data };
  if (alert.title || alert.subtitle || alert.body) return card("notification", "iOS alert", fields);
  if (String(aps["content-available"]) === "1") {
    return card("data-only", "iOS background push (content-available)", {
      ...fields,
      note: "data-only: no alert is shown, the app is woken in the background",
    });
  }
  if (aps.badge !== undefined || aps.sound !== undefined) {
    return card("badge", "iOS badge / sound only", fields);
  }
  return card("data-only", "iOS push without an alert", { ...fields, note: "data-only" });
}
