// The nhub inbox page: a thin client of the emulator's inspection API (/_nhub/api/*).

import { renderDetail } from "./detail.js";
import { platformName, renderDevices } from "./devices.js";
import { el } from "./dom.js";
import { forgetItems, renderList } from "./list.js";

const token = new URLSearchParams(location.search).get("token");
const MAX_KEPT = 1000;
const DEVICE_POLL_MS = 5000;

const state = {
  devices: [],
  deliveries: [],
  pruned: 0,
  filters: { platform: "", device: "", tag: "" },
  selected: null,
};

const $ = (id) => document.getElementById(id);

/** The URL of an inspection API path, with the page's `?token=` forwarded. */
function apiUrl(path, query = {}) {
  const url = new URL(`api/${path}`, location.href);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  if (token) url.searchParams.set("token", token);
  return url.href;
}

async function api(path, options = {}) {
  const response = await fetch(apiUrl(path, options.query), {
    method: options.method ?? "GET",
    headers: { accept: "application/json" },
  });
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      message = (await response.json()).error?.message ?? message;
    } catch {}
    throw new Error(message);
  }
  return response.status === 204 ? null : response.json();
}

function setStatus(text, kind) {
  const status = $("status");
  status.textContent = text;
  status.className = `status status-${kind}`;
}

function fillSelect(select, values, label) {
  const key = values.join("\n");
  if (select.dataset.key === key) return;
  select.dataset.key = key;
  const current = select.value;
  const options = [el("option", "", "all")];
  options[0].value = "";
  for (const value of values) {
    const option = el("option", "", label(value));
    option.value = value;
    options.push(option);
  }
  select.replaceChildren(...options);
  select.value = values.includes(current) ? current : "";
}

function renderFilters() {
  const platforms = new Set(state.devices.map((device) => device.platform));
  for (const delivery of state.deliveries) platforms.add(delivery.platform);
  fillSelect($("filter-platform"), [...platforms].sort(), platformName);
  const ids = [...new Set(state.devices.map((device) => device.id))].sort();
  fillSelect($("filter-device"), ids, (id) => id);
  $("filter-platform").value = state.filters.platform;
  $("filter-device").value = state.filters.device;
  const tags = new Set(state.devices.flatMap((device) => device.tags));
  const options = [...tags].sort().map((tag) => {
    const option = el("option");
    option.value = tag;
    return option;
  });
  const list = $("tag-options");
  const key = [...tags].sort().join("\n");
  if (list.dataset.key !== key) {
    list.dataset.key = key;
    list.replaceChildren(...options);
  }
}

function setFilter(name, value) {
  state.filters[name] = state.filters[name] === value ? "" : value;
  if (name === "tag") $("filter-tag").value = state.filters.tag;
  render();
}

function render() {
  renderDevices($("devices"), state.devices, state.filters, {
    platform: (value) => setFilter("platform", value),
    device: (value) => setFilter("device", value),
    tag: (value) => setFilter("tag", value),
  });
  renderFilters();
  const shown = renderList(
    $("deliveries"),
    state.deliveries,
    state.filters,
    state.selected,
    select,
  );
  const total = state.deliveries.length;
  const pruned = state.pruned > 0 ? ` · ${state.pruned} pruned` : "";
  $("counts").textContent =
    `${shown} of ${total} deliveries shown${pruned} · ${state.devices.length} devices`;
}

function select(id) {
  state.selected = id;
  const delivery = state.deliveries.find((item) => item.id === id);
  render();
  if (delivery === undefined) return;
  renderDetail($("detail"), delivery, (path) => api(path)).catch((error) => {
    $("detail").append(el("p", "note", error.message));
  });
}

function merge(records) {
  const byId = new Map(state.deliveries.map((item) => [item.id, item]));
  for (const record of records) byId.set(record.id, record);
  state.deliveries = [...byId.values()].sort((a, b) => b.sequence - a.sequence).slice(0, MAX_KEPT);
}

let prunedTimer;
function refreshPruned() {
  clearTimeout(prunedTimer);
  prunedTimer = setTimeout(async () => {
    let pruned;
    try {
      pruned = (await api("deliveries", { query: { limit: "1" } })).pruned;
    } catch {
      return;
    }
    if (pruned === state.pruned) return;
    state.pruned = pruned;
    render();
  }, 300);
}

async function loadDeliveries() {
  const page = await api("deliveries", { query: { limit: "200" } });
  merge(page.items);
  state.pruned = page.pruned;
  render();
}

async function loadDevices() {
  const devices = (await api("devices")).items;
  if (JSON.stringify(devices) === JSON.stringify(state.devices)) return;
  state.devices = devices;
  render();
}

function cleared() {
  state.deliveries = [];
  state.pruned = 0;
  state.selected = null;
  $("detail").replaceChildren(el("p", "empty", "The deliveries were cleared."));
  render();
  loadDevices().catch(() => {});
}

function connect() {
  const source = new EventSource(apiUrl("deliveries/stream"));
  let opened = false;
  source.addEventListener("open", () => {
    setStatus("live", "live");
    if (opened) {
      // reconnected: the emulator may have restarted, so read everything afresh
      state.deliveries = [];
      forgetItems();
      loadDeliveries().catch(() => {});
      loadDevices().catch(() => {});
    }
    opened = true;
  });
  source.addEventListener("error", () => setStatus("reconnecting…", "offline"));
  source.addEventListener("delivery", (event) => {
    merge([JSON.parse(event.data)]);
    render();
    refreshPruned();
  });
  source.addEventListener("cleared", cleared);
}

function wireControls() {
  $("filter-platform").addEventListener("change", (event) => {
    state.filters.platform = event.target.value;
    render();
  });
  $("filter-device").addEventListener("change", (event) => {
    state.filters.device = event.target.value;
    render();
  });
  $("filter-tag").addEventListener("input", (event) => {
    state.filters.tag = event.target.value.trim();
    render();
  });
  $("filters").addEventListener("reset", () => {
    state.filters = { platform: "", device: "", tag: "" };
    setTimeout(render, 0);
  });
  $("filters").addEventListener("submit", (event) => event.preventDefault());
  $("clear").addEventListener("click", () => {
    api("deliveries", { method: "DELETE" }).catch((error) => setStatus(error.message, "offline"));
  });
}

async function start() {
  wireControls();
  connect();
  try {
    await Promise.all([loadDevices(), loadDeliveries()]);
    render();
  } catch (error) {
    setStatus(`cannot read the inspection API: ${error.message}`, "offline");
  }
  setInterval(() => {
    if (document.visibilityState === "visible") loadDevices().catch(() => {});
  }, DEVICE_POLL_MS);
}

start().catch((error) => setStatus(error.message, "offline"));
