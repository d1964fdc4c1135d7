import { ServiceError } from "./errors.js";
import type { TransportResponse } from "./transport.js";
import { xmlText } from "./xml-text.js";

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The last non-empty path segment of a `Location` URL, query removed. */
export function notificationIdFromLocation(location: string | undefined): string | undefined {
  if (!location) return undefined;
  // Fast path: ".../messages/{id}?api-version=..." with nothing to decode.
  const query = location.indexOf("?");
  const end = query === -1 ? location.length : query;
  const slash = location.lastIndexOf("/", end - 1);
  if (
    slash !== -1 &&
    slash < end - 1 &&
    location.indexOf("%") === -1 &&
    location.indexOf("#") === -1
  ) {
    const id = location.slice(slash + 1, end);
    if (location.charCodeAt(slash - 1) !== 47 && !id.includes(":")) return id;
  }
  const path = location.split(/[?#]/, 1)[0] ?? "";
  const segments = path.split("/").filter((segment) => segment.length > 0);
  const last = segments[segments.length - 1];
  if (last === undefined || /^[a-z][a-z0-9+.-]*:$/i.test(last)) return undefined;
  return decodeURIComponent(last);
}

/** Turns a non-success response into a `ServiceError` that names what happened. */
export function toServiceError(response: TransportResponse, operation: string): ServiceError {
  const headers = response.headers;
  let detail: string | undefined;
  if (response.body.includes("<")) {
    detail = xmlText(response.body, "Detail");
  } else if (response.body.trim() !== "") {
    detail = response.body.trim().slice(0, 500);
  }
  const trackingId = headers.trackingid;
  const retryAfterMs = parseRetryAfter(headers["retry-after"]);
  const hint = HINTS[response.status];
  const { text, trackingId: detailTrackingId } = splitDetail(detail);
  const shownTrackingId = trackingId ?? detailTrackingId;
  const message =
    `${operation} failed: the hub answered ${response.status}` +
    (text ? `: ${text}` : ".") +
    (hint ? ` Hint: ${hint}` : "") +
    (shownTrackingId ? ` (TrackingId ${shownTrackingId})` : "");
  return new ServiceError(message, {
    statusCode: response.status,
    detail,
    trackingId,
    correlationId: headers["x-ms-correlation-request-id"],
    retryAfterMs,
    body: response.body,
  });
}

/**
 * Splits the service's `Detail` (`{text}.TrackingId:{id},TimeStamp:{time}`, where the text often
 * ends with its own period, giving `..TrackingId`) into the text ending in one period and the id.
 */
function splitDetail(detail: string | undefined): { text: string; trackingId?: string } {
  if (detail === undefined) return { text: "" };
  const match = /\.?\s*TrackingId:([^,\s]*)(?:,\s*TimeStamp:.*)?$/s.exec(detail);
  const body = (match === null ? detail : detail.slice(0, match.index)).trim();
  const text = body === "" || /[.!?]$/.test(body) ? body : `${body}.`;
  return match?.[1] ? { text, trackingId: match[1] } : { text };
}

const HINTS: Record<number, string> = {
  401: "Check the SharedAccessKeyName/SharedAccessKey of the connection string and that the rule has the right (Send, Listen or Manage) for this operation.",
  403: "The rule lacks a right, the hub's quota or tier does not allow this, or the hub is throttling (see retryAfterMs).",
  404: "Check the hub name and the id in the request.",
  413: "The payload is larger than the hub accepts (64 KB).",
};
