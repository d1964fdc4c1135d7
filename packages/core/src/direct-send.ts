import type { AnyNotificationAdapter } from "./adapter.js";
import type { DeviceHandle, SendOptions, SendResult } from "./client-types.js";
import { InvalidArgumentError } from "./errors.js";
import { QUERY } from "./hub-request.js";
import type { SendClient } from "./send-client.js";

/** Headers that address one device; the browser format carries its keys as headers. */
export function deviceHandleHeaders(format: string, handle: DeviceHandle): Record<string, string> {
  if (format === "browser") {
    if (
      typeof handle !== "object" ||
      handle === null ||
      !nonEmpty(handle.endpoint) ||
      !nonEmpty(handle.p256dh) ||
      !nonEmpty(handle.auth)
    ) {
      throw new InvalidArgumentError(
        "A browser direct send needs the push subscription { endpoint, p256dh, auth } as the device handle, each a non-empty string.",
      );
    }
    return {
      "ServiceBusNotification-DeviceHandle": handle.endpoint,
      P256DH: handle.p256dh,
      Auth: handle.auth,
    };
  }
  if (!nonEmpty(handle)) {
    throw new InvalidArgumentError(
      `A ${format} direct send needs the device's PNS handle (a non-empty string) as the device handle.`,
    );
  }
  return { "ServiceBusNotification-DeviceHandle": handle };
}

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0;
}

/** Refuses tags on sends that address devices directly (the hub would ignore them). */
export function refuseTags(options: SendOptions, operation: string): void {
  if (options.tags !== undefined || options.tagExpression !== undefined) {
    throw new InvalidArgumentError(
      `${operation} addresses devices by handle; remove tags/tagExpression (they would be ignored).`,
    );
  }
}

/**
 * Sends to one device by its PNS handle (`POST .../messages?direct`). Same as
 * `client.sendDirect(...)`; this form works with any client, including `createSendClient`'s.
 */
export async function sendDirect(
  client: SendClient,
  target: string | AnyNotificationAdapter,
  payload: unknown,
  handle: DeviceHandle,
  options: SendOptions & Record<string, unknown> = {},
): Promise<SendResult> {
  refuseTags(options, "sendDirect");
  const prepared = client.prepare(target, payload, options);
  const format = prepared.headers["ServiceBusNotification-Format"] as string;
  Object.assign(prepared.headers, deviceHandleHeaders(format, handle));
  const response = await client.execute(
    "POST",
    `messages${QUERY}&direct`,
    prepared.headers,
    prepared.body,
    {
      idempotent: false,
      signal: options.signal,
      operation: "Direct send",
    },
  );
  return client.toSendResult(response, false);
}

/** Formats a schedule time as the hub expects it: UTC `yyyy-MM-ddTHH:mm:ss`. */
export function formatScheduleTime(time: Date | string): string {
  const date = typeof time === "string" ? new Date(time) : time;
  if (
    !(date instanceof Date) ||
    Number.isNaN(date.getTime()) ||
    (typeof time === "string" && time.trim() === "")
  ) {
    throw new InvalidArgumentError(
      `scheduleSend needs a valid Date or ISO-8601 string as the scheduled time, got ${JSON.stringify(String(time))}.`,
    );
  }
  return date.toISOString().slice(0, 19);
}

/**
 * Schedules a notification for `time` (a `Date` or an ISO-8601 string; sent as UTC). Same as
 * `client.scheduleSend(...)`; this form works with any client, including `createSendClient`'s.
 */
export async function scheduleSend(
  client: SendClient,
  target: string | AnyNotificationAdapter,
  payload: unknown,
  time: Date | string,
  options: SendOptions & Record<string, unknown> = {},
): Promise<SendResult> {
  const scheduleTime = formatScheduleTime(time);
  const prepared = client.prepare(target, payload, options);
  prepared.headers["ServiceBusNotification-ScheduleTime"] = scheduleTime;
  const response = await client.execute(
    "POST",
    `schedulednotifications${QUERY}`,
    prepared.headers,
    prepared.body,
    {
      idempotent: false,
      signal: options.signal,
      operation: "Scheduled send",
    },
  );
  return client.toSendResult(response, false);
}
