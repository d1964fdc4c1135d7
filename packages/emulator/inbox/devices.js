// The devices column: installations and registrations grouped by platform, with their tags.

import { append, el } from "./dom.js";

/** Human names of the platforms. */
export const PLATFORM_NAMES = {
  apns: "Apple (APNs)",
  fcmv1: "Android (FCM v1)",
  gcm: "Android (GCM)",
  wns: "Windows (WNS)",
  mpns: "Windows Phone (MPNS)",
  adm: "Amazon (ADM)",
  baidu: "Baidu",
  xiaomi: "Xiaomi",
  browser: "Web Push",
};

/** The display name of a platform. */
export function platformName(platform) {
  return PLATFORM_NAMES[platform] ?? platform;
}

function chip(text, className, onClick) {
  const button = el("button", className, text);
  button.type = "button";
  button.addEventListener("click", onClick);
  return button;
}

/** Renders `devices` into `container`; the callbacks set the list's filters. */
export function renderDevices(container, devices, filters, on) {
  if (devices.length === 0) {
    container.replaceChildren(
      el("p", "empty", "No devices yet: create an installation or registration."),
    );
    return;
  }
  const groups = new Map();
  for (const device of devices) {
    const list = groups.get(device.platform) ?? [];
    list.push(device);
    groups.set(device.platform, list);
  }
  const out = [];
  for (const [platform, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const group = el("section", `device-group platform-${platform}`);
    const selected = filters.platform === platform ? " selected" : "";
    const heading = el("h3", "");
    append(
      heading,
      chip(platformName(platform), `group-name${selected}`, () => on.platform(platform)),
      el("span", "count", String(list.length)),
    );
    append(group, heading);
    const items = el("ul", "device-list");
    for (const device of list) {
      const item = el("li", `device${filters.device === device.id ? " selected" : ""}`);
      const name = chip(device.id, "device-id", () => on.device(device.id));
      name.title = `${device.kind} in hub ${device.hub}: ${device.pushChannel}`;
      append(item, el("span", `dot platform-${platform}`), name);
      const kind = device.kind === "registration" ? "reg" : "";
      if (kind) append(item, el("span", "kind", kind));
      const templates = Object.keys(device.templates);
      if (templates.length > 0) append(item, el("span", "kind", `${templates.length} tpl`));
      if (device.tags.length > 0) {
        const tags = el("span", "tags");
        for (const tag of device.tags) {
          const active = filters.tag.toLowerCase() === tag.toLowerCase() ? " selected" : "";
          append(
            tags,
            chip(tag, `tag${active}`, () => on.tag(tag)),
          );
        }
        append(item, tags);
      }
      append(items, item);
    }
    append(group, items);
    out.push(group);
  }
  container.replaceChildren(...out);
}
