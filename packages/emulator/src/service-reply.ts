import { randomUUID } from "node:crypto";
import { escapeXmlText as escapeXml } from "./xml-escape.js";

/** An answer the router writes to the socket. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** For an error: the text of `<Detail>` (the tracking id and time stamp are appended). */
  detail?: string;
  /** For `onRequest`: the hub and notification this request concerned. */
  hub?: string;
  notificationId?: string;
  /** For a test send: the outcome answered, for the request log. */
  outcome?: object;
}

/** The service's error time stamp: `7/2/2020 6:33:21 PM` (UTC). */
export function serviceTimeStamp(date: Date): string {
  const hours = date.getUTCHours();
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${twelve}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} ${hours < 12 ? "AM" : "PM"}`;
}

/**
 * The service's error body: `<Error><Code>{status}</Code><Detail>{detail}.TrackingId:{id},TimeStamp:{time}</Detail></Error>`.
 * The detail keeps its own final period, so the service's `..` appears after sentences.
 */
export function errorBody(
  status: number,
  detail: string,
  trackingId: string,
  now = new Date(),
): string {
  return `<Error><Code>${status}</Code><Detail>${escapeXml(
    `${detail}.TrackingId:${trackingId},TimeStamp:${serviceTimeStamp(now)}`,
  )}</Detail></Error>`;
}

/** An error reply; the router wraps `detail` in the service's error body. */
export function errorReply(status: number, detail: string, extra?: Partial<Reply>): Reply {
  return { ...extra, status, detail };
}

/** Adds `TrackingId` and `x-ms-correlation-request-id`, and turns a `detail` into the error body. */
export function finishReply(reply: Reply): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const trackingId = randomUUID();
  const headers: Record<string, string> = {
    ...reply.headers,
    TrackingId: trackingId,
    "x-ms-correlation-request-id": randomUUID(),
  };
  let body = reply.body ?? "";
  if (reply.detail !== undefined) {
    body = errorBody(reply.status, reply.detail, trackingId);
    headers["Content-Type"] = "application/xml; charset=utf-8";
  }
  headers["Content-Length"] = String(Buffer.byteLength(body));
  return { status: reply.status, headers, body };
}
