// FCM v1 (`message.notification`, `message.android.notification`, `message.data`) and legacy
// GCM (`notification`, `data`) payloads as an Android notification.

import { card, imageList, invalid, isObject, pairs, parseJson, text } from "./preview-common.js";

function notificationFields(notification, android) {
  const n = isObject(notification) ? notification : {};
  const a = isObject(android) ? android : {};
  return {
    title: text(a.title) ?? text(n.title) ?? "",
    body: text(a.body) ?? text(n.body) ?? "",
    images: imageList(
      [text(a.image) ?? text(n.image), "picture"],
      [text(a.icon) ?? text(n.icon), "icon"],
    ),
    meta: [
      ["channel", text(a.channel_id) ?? text(n.android_channel_id)],
      ["color", text(a.color) ?? text(n.color)],
      ["sound", text(a.sound) ?? text(n.sound)],
      ["tag", text(a.tag) ?? text(n.tag)],
      ["click action", text(a.click_action) ?? text(n.click_action)],
    ],
  };
}

function preview(label, notification, android, data) {
  const fields = { ...notificationFields(notification, android), data: pairs(data) };
  if (isObject(notification) || isObject(android)) return card("notification", label, fields);
  return card("data-only", `${label} (data message)`, {
    ...fields,
    note: "data-only: nothing is shown, the data goes to the app",
  });
}

/** The preview of an FCM v1 body `{"message": {...}}`. */
export function fcmV1Preview(body) {
  const payload = parseJson(body);
  if (!isObject(payload) || !isObject(payload.message)) {
    return invalid('an FCM v1 payload is {"message": {...}}');
  }
  const message = payload.message;
  const android = isObject(message.android) ? message.android.notification : undefined;
  return preview("Android notification (FCM v1)", message.notification, android, message.data);
}

/** The preview of a legacy GCM / FCM body `{"notification": {...}, "data": {...}}`. */
export function gcmPreview(body) {
  const payload = parseJson(body);
  if (!isObject(payload)) return invalid("a GCM payload is a JSON object");
  return preview("Android notification (GCM)", payload.notification, undefined, payload.data);
}
