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

/** Renders the deliveries passing `filters`; answers how many were shown. */
export function renderList(container, deliveries, filters, selectedId, onSelect) {
  const items = [];
  for (const delivery of deliveries) {
    if (!matches(delivery, filters)) continue;
    const card = previewOf(delivery);
    const button = el("button", `delivery kind-${card.kind}`);
    button.type = "button";
    button.dataset.id = delivery.id;
    if (delivery.id === selectedId) button.setAttribute("aria-current", "true");
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
      card.kind === "notification" ? null : el("span", `badge kind`, card.kind),
    );
    append(button, top, el("span", "summary", summaryOf(card)), bottom);
    button.addEventListener("click", () => onSelect(delivery.id));
    items.push(append(el("li"), button));
  }
  if (items.length === 0) {
    const empty =
      deliveries.length === 0
        ? "No deliveries yet: send a push."
        : "No delivery matches the filters.";
    container.replaceChildren(el("li", "empty", empty));
  } else {
    container.replaceChildren(...items);
  }
  return items.length;
}
