import { timingSafeEqual } from "node:crypto";
import { type EmulatorContext, feedbackUrl, type RouteRequest } from "./context.js";
import type { FeedbackEntry } from "./hub-store.js";
import { notificationDetailsXml } from "./outcome-xml.js";
import { errorReply, type Reply } from "./service-reply.js";

/** `GET /{hub}/messages/{id}`: the notification's details, 404 when unknown. */
export function handleDetails(request: RouteRequest, context: EmulatorContext): Reply {
  const id = request.rest[1] ?? "";
  const record = request.hub.notifications.get(id);
  if (record === undefined) {
    return errorReply(404, `Notification '${id}' was not found.`, { hub: request.hub.name });
  }
  return {
    status: 200,
    headers: { "Content-Type": "application/xml; charset=utf-8" },
    body: notificationDetailsXml(record, feedbackUrl(context, request.hub, id)),
    hub: request.hub.name,
    notificationId: id,
  };
}

/** `GET /{hub}/feedbackcontainer`: the URL of the hub's PNS feedback listing, as plain text. */
export function handleFeedbackContainer(request: RouteRequest, context: EmulatorContext): Reply {
  return {
    status: 200,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
    body: feedbackUrl(context, request.hub),
    hub: request.hub.name,
  };
}

/**
 * One feedback line: `PnsFeedback` then space-separated `name=value` fields, each value
 * percent-encoded: `time`, `notificationId`, `platform`, `pnsHandle`, `installationId` (empty
 * for an unknown handle), `registrationId` and `outcome`.
 */
export function feedbackLine(entry: FeedbackEntry): string {
  const fields: [string, string][] = [
    ["time", entry.time.toISOString()],
    ["notificationId", entry.notificationId],
    ["platform", entry.platform],
    ["pnsHandle", entry.pnsHandle],
    ["installationId", entry.installationId ?? ""],
    ["registrationId", entry.registrationId],
    ["outcome", entry.outcome],
  ];
  return `PnsFeedback ${fields.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join(" ")}`;
}

function sigMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /{hub}/$feedback?sig=...[&notificationId=...]`: one {@link feedbackLine} per failed
 * delivery, oldest first. Authorized by the `sig` of the container URL, not by a SAS token.
 */
export function handleFeedbackList(request: RouteRequest, context: EmulatorContext): Reply {
  if (!sigMatches(request.query.get("sig"), context.feedbackSig)) {
    return errorReply(403, "The feedback URL's sig is missing or wrong.", {
      hub: request.hub.name,
    });
  }
  const only = request.query.get("notificationId");
  const lines = request.hub.feedback
    .filter((entry) => only === null || entry.notificationId === only)
    .map((entry) => `${feedbackLine(entry)}\n`)
    .join("");
  return {
    status: 200,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
    body: lines,
    hub: request.hub.name,
  };
}
