import { InvalidArgumentError, ServiceError } from "./errors.js";
import { sleep } from "./retry.js";
import type { SendClient } from "./send-client.js";
import { xmlElements, xmlText } from "./xml-text.js";

/** Counts per outcome name (`Success`, `InvalidPnsCredentials`, ...) for one platform. */
export type OutcomeCounts = Record<string, number>;

/** What the hub did with one notification (`GET /{hub}/messages/{id}`). */
export interface NotificationOutcomeDetails {
  notificationId: string;
  /** Enqueued, Processing, Completed, Abandoned, NoTargetFound, Scheduled, Canceled or Unknown. */
  state: string;
  location: string | undefined;
  enqueueTime: Date | undefined;
  startTime: Date | undefined;
  endTime: Date | undefined;
  body: string | undefined;
  tags: string | undefined;
  targetPlatforms: string | undefined;
  outcomeCounts: {
    apns?: OutcomeCounts;
    wns?: OutcomeCounts;
    mpns?: OutcomeCounts;
    gcm?: OutcomeCounts;
    fcmV1?: OutcomeCounts;
    adm?: OutcomeCounts;
    baidu?: OutcomeCounts;
    xiaomi?: OutcomeCounts;
    browser?: OutcomeCounts;
  };
  pnsErrorDetailsUri: string | undefined;
}

/** Options of `client.getNotificationOutcomeDetails`. */
export interface OutcomeDetailsOptions {
  /** Keep asking while the hub answers 404 (details not ready), for at most this many ms. Default 0. */
  waitMs?: number;
  /** Pause between polls. Default 1000. */
  intervalMs?: number;
  signal?: AbortSignal;
}

const PLATFORMS = {
  ApnsOutcomeCounts: "apns",
  WnsOutcomeCounts: "wns",
  MpnsOutcomeCounts: "mpns",
  GcmOutcomeCounts: "gcm",
  FcmV1OutcomeCounts: "fcmV1",
  AdmOutcomeCounts: "adm",
  BaiduOutcomeCounts: "baidu",
  XiaomiOutcomeCounts: "xiaomi",
  BrowserOutcomeCounts: "browser",
} as const;

function toDate(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Parses a `NotificationDetails` body. */
export function parseNotificationOutcomeDetails(xml: string): NotificationOutcomeDetails {
  const outcomeCounts: NotificationOutcomeDetails["outcomeCounts"] = {};
  for (const [element, key] of Object.entries(PLATFORMS)) {
    const counts = xmlElements(xml, element)[0];
    if (counts === undefined) continue;
    const record: OutcomeCounts = {};
    for (const outcome of xmlElements(counts, "Outcome")) {
      const name = xmlText(outcome, "Name");
      if (name) record[name] = Number.parseInt(xmlText(outcome, "Count") ?? "0", 10) || 0;
    }
    outcomeCounts[key] = record;
  }
  const text = (name: string) => xmlText(xml, name) || undefined;
  return {
    notificationId: xmlText(xml, "NotificationId") ?? "",
    state: xmlText(xml, "State") ?? "Unknown",
    location: text("Location"),
    enqueueTime: toDate(text("EnqueueTime")),
    startTime: toDate(text("StartTime")),
    endTime: toDate(text("EndTime")),
    body: xmlText(xml, "NotificationBody", false),
    tags: text("Tags"),
    targetPlatforms: text("TargetPlatforms"),
    outcomeCounts,
    pnsErrorDetailsUri: text("PnsErrorDetailsUri"),
  };
}

/**
 * What the hub did with a notification; polls while the hub answers 404 when `waitMs` is set.
 * Same as `client.getNotificationOutcomeDetails(...)`, usable with any client.
 */
export async function getNotificationOutcomeDetails(
  client: SendClient,
  notificationId: string,
  options: OutcomeDetailsOptions = {},
): Promise<NotificationOutcomeDetails> {
  if (typeof notificationId !== "string" || notificationId.trim() === "") {
    throw new InvalidArgumentError(
      "getNotificationOutcomeDetails needs the notification id a send resolved to.",
    );
  }
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    try {
      const response = await client.request({
        method: "GET",
        path: `messages/${encodeURIComponent(notificationId)}`,
        signal: options.signal,
      });
      return parseNotificationOutcomeDetails(response.body);
    } catch (error) {
      const notReady = ServiceError.isInstance(error) && error.statusCode === 404;
      const pause = options.intervalMs ?? 1000;
      if (!notReady || Date.now() + pause > deadline) throw error;
      await sleep(pause, options.signal);
    }
  }
}
