// The deliveries column: the filtered list, newest first.

import { platformName } from "./devices.js";
import { append, el, shortTime } from "./dom.js";
import { previewOf, summaryOf } from "./preview.js";

/** True when `delivery` passes the device, platform and tag filters. */
export function matches(delivery, filters) {
  if (filters.platform && delivery.platform !== filters.platform) return false;
  if (
    filters.device &&
    delivery.installationId !== filters.device &&
    delivery.registrationId !== filters.device
  ) {
    return false;
  }
  if (filters.tag) {
    const wanted = filters.tag.toLowerCase();
    if (!delivery.tags.some((tag) => tag.toLowerCase() === wanted)) return false;
  }
  return true;
}

// The list items by delivery id: a delivery never changes, so its item is built once and kept
// (a re-render moves the same nodes, and a click in progress still lands on its button).
const items = new Map();

/** Drops every kept item (after a reconnect, ids may have restarted with a new emulator). */
export function forgetItems() {
  items.clear();
}

function itemOf(delivery, onSelect) {
  const known = items.get(delivery.id);
  if (known !== undefined) return known;
  const card = previewOf(delivery);
  const button = el("button", `delivery kind-${card.kind}`);
  button.type = "button";
  button.dataset.id = delivery.id;
  const top = el("span", "delivery-top");
  append(
    top,
    el("span", `platform-chip platform-${delivery.platform}`, platformName(delivery.platform)),
    el("time", "when", shortTime(delivery.receivedAt)),
  );
  const bottom = el("span", "delivery-bottom");
  append(
    bottom,
    el(
      "span",
      "device-name",
      delivery.installationId ?? delivery.registrationId ?? delivery.pushChannel,
    ),
    delivery.test ? el("span", "badge", "test") : null,
    delivery.templateName ? el("span", "badge", `template ${delivery.templateName}`) : null,
    card.kind === "notification" ? null : el("span", "badge kind", card.kind),
  );
  append(button, top, el("span", "summary", summaryOf(card)), bottom);
  button.addEventListener("click", () => onSelect(delivery.id));
  const item = append(el("li"), button);
  items.set(delivery.id, item);
  return item;
}

/** Renders the deliveries passing `filters`; answers how many were shown. */
export function renderList(container, deliveries, filters, selectedId, onSelect) {
  const live = new Set(deliveries.map((delivery) => delivery.id));
  for (const id of items.keys()) if (!live.has(id)) items.delete(id);
  const shown = [];
  for (const delivery of deliveries) {
    if (!matches(delivery, filters)) continue;
    const item = itemOf(delivery, onSelect);
    const button = item.firstChild;
    if (delivery.id === selectedId) button.setAttribute("aria-current", "true");
    else button.removeAttribute("aria-current");
    shown.push(item);
  }
  if (shown.length === 0) {
    const empty =
      deliveries.length === 0
        ? "No deliveries yet: send a push."
        : "No delivery matches the filters.";
    container.replaceChildren(el("li", "empty", empty));
  } else {
    container.replaceChildren(...shown);
  }
  return shown.length;
}
