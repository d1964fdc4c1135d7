// The detail pane of one delivery: the preview, then the wire headers, the body exactly as
// delivered (hex when not UTF-8), the originating request and the test-send outcome.

import { append, definitionList, el, pre, prettyText, subsection } from "./dom.js";
import { base64Bytes, hexDump } from "./hex.js";
import { previewOf, renderPreview } from "./preview.js";

function facts(delivery) {
  const rows = [
    ["id", delivery.id],
    ["received", delivery.receivedAt],
    ["hub", delivery.hub],
    ["platform", `${delivery.platform} (format ${delivery.format})`],
    ["device", delivery.installationId ?? delivery.registrationId ?? "(direct send)"],
    ["push channel", delivery.pushChannel],
    ["tags", delivery.tags.join(", ") || "(none)"],
    ["notification", delivery.notificationId],
  ];
  if (delivery.registrationId) rows.push(["registration", delivery.registrationId]);
  if (delivery.templateName) rows.push(["template", delivery.templateName]);
  if (delivery.test) rows.push(["test send", "yes"]);
  return definitionList(rows, "fields facts");
}

function bodySection(delivery) {
  const section = subsection("Body as delivered", "body");
  if (delivery.bodyIsUtf8) {
    append(section, pre(delivery.body === "" ? "(empty)" : delivery.body, "code wire-body"));
    return section;
  }
  const bytes = base64Bytes(delivery.bodyBase64);
  append(
    section,
    el("p", "note", `${bytes.length} bytes, not valid UTF-8: shown as hex`),
    pre(hexDump(bytes), "code hex-dump"),
  );
  return section;
}

function templateSection(delivery) {
  const section = subsection(`Template ${delivery.templateName ?? ""}`.trim(), "template");
  append(section, el("h4", "", "template"), pre(delivery.template.body, "code template-body"));
  const headers = Object.entries(delivery.template.headers);
  if (headers.length > 0) append(section, definitionList(headers));
  append(section, el("h4", "", "rendered"), pre(prettyText(delivery.body), "code rendered"));
  return section;
}

function requestBody(request) {
  if (request.body === "") return pre("(empty)", "code request-body");
  if (request.body.includes("\uFFFD")) {
    return el("p", "note", "Not valid UTF-8: see the body as delivered (hex) for its bytes.");
  }
  return pre(request.body, "code request-body");
}

function requestSection(request) {
  const section = subsection("Originating request", "request");
  const query = request.query ? `?${request.query}` : "";
  append(
    section,
    el("p", "request-line", `${request.method} ${request.path}${query} → ${request.status}`),
    definitionList([
      ["id", request.id],
      ["received", request.receivedAt],
      ["took", `${Math.round(request.durationMs * 10) / 10} ms`],
      ["deliveries", request.deliveryIds.join(", ") || "(none)"],
    ]),
    el("h4", "", "headers"),
    definitionList(Object.entries(request.headers), "fields headers"),
    el("h4", "", request.bodyTruncated ? "body (first 16 KiB)" : "body"),
    requestBody(request),
  );
  return section;
}

function outcomeSection(request) {
  const section = subsection("Test-send outcome", "outcome");
  append(section, pre(JSON.stringify(request.outcome, null, 2), "code outcome-json"));
  return section;
}

async function fillRequest(target, delivery, api, stillCurrent) {
  if (!delivery.requestId) {
    append(target, el("p", "note", "A scheduled push: no request delivered it directly."));
    return;
  }
  let request;
  try {
    request = await api(`requests/${encodeURIComponent(delivery.requestId)}`);
  } catch (error) {
    if (stillCurrent())
      append(target, el("p", "note", `Request ${delivery.requestId}: ${error.message}`));
    return;
  }
  if (!stillCurrent()) return;
  append(target, requestSection(request));
  if (request.outcome !== null) append(target, outcomeSection(request));
}

/** Shows `delivery` in `container`; `api(path)` answers the JSON of an inspection path. */
export function renderDetail(container, delivery, api) {
  container.dataset.current = delivery.id;
  const stillCurrent = () => container.dataset.current === delivery.id;
  const card = previewOf(delivery);
  const left = el("div", "detail-preview");
  const preview = subsection("Preview", "preview-section");
  append(preview, renderPreview(card, delivery.platform));
  append(left, preview);
  if (delivery.template) append(left, templateSection(delivery));
  const about = subsection("About", "facts-section");
  append(about, facts(delivery));
  append(left, about);
  const right = el("div", "detail-wire");
  const headers = subsection("Wire headers", "wire-headers");
  append(headers, definitionList(Object.entries(delivery.headers), "fields headers"));
  append(right, headers, bodySection(delivery));
  const grid = append(el("div", "detail-grid"), left, right);
  container.replaceChildren(grid);
  return fillRequest(right, delivery, api, stillCurrent);
}
