import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { DeliverySink } from "./delivery.js";
import type { HubStore, NotificationRecord } from "./hub-store.js";
import type { Scheduler } from "./scheduler.js";
import type { ValidSend } from "./send-validation.js";

/** The API version written into `Location` headers. */
export const LOCATION_API_VERSION = "2020-06";

/** What every route can reach. */
export interface EmulatorContext extends DeliverySink {
  /**
   * `scheme://host/` of the URLs the emulator returns: the listening URL, and inside a route the
   * origin the client used (see `requestOrigin`).
   */
  url: string;
  /** The listening URL `http://host:port/` (never per request). */
  listenUrl?: string;
  /** The request's valid `api-version`, echoed in `Location` headers; default 2020-06. */
  apiVersion?: string;
  scheduler: Scheduler;
  /**
   * Writes the hubs' state to the `dataDir` store (nothing without one); called after a change
   * that no request made (a scheduled push sent, a job step).
   */
  persist?: () => void;
  /** The secret of the feedback route's `sig` parameter. */
  feedbackSig: string;
  /** Settings of the management routes (registrations, installations, jobs, files). */
  management: ManagementSettings;
}

/** Settings of the management routes. */
export interface ManagementSettings {
  /** Lifetime of a registration from its last write; undefined: never expires. */
  registrationTtlMs: number | undefined;
  /** Time between two steps of a job. */
  jobStepMs: number;
  /** The secret of the `sig` parameter of file URLs (`/{hub}/$files/{name}`). */
  filesSig: string;
}

/** One request as a route sees it. */
export interface RouteRequest {
  method: string;
  hub: HubStore;
  /** Decoded path segments after the hub name. */
  rest: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** True when a query flag is present bare (`&direct`) or `true`. */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  if (!query.has(name)) return false;
  const value = query.get(name)?.toLowerCase() ?? "";
  return value === "" || value === "true";
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:TZ.]/g, "");
}

/** A fresh notification id shaped like the service's: `NH-{yyyyMMddHHmmssSSS}-{hex}`. */
export function newNotificationId(now: Date): string {
  return `NH-${timestamp(now)}-${randomBytes(12).toString("hex")}`;
}

/** The api-version a `Location` echoes: the request's, else {@link LOCATION_API_VERSION}. */
export function locationApiVersion(context: EmulatorContext): string {
  return context.apiVersion ?? LOCATION_API_VERSION;
}

/** `{url}{hub}/{collection}/{id}?api-version=2020-06` */
export function notificationLocation(
  context: EmulatorContext,
  hub: HubStore,
  collection: string,
  id: string,
): string {
  return `${context.url}${encodeURIComponent(hub.name)}/${collection}/${encodeURIComponent(id)}?api-version=${locationApiVersion(context)}`;
}

/** The URL of the hub's PNS feedback listing (optionally for one notification). */
export function feedbackUrl(
  context: EmulatorContext,
  hub: HubStore,
  notificationId?: string,
): string {
  const base = `${context.url}${encodeURIComponent(hub.name)}/$feedback?sig=${context.feedbackSig}`;
  return notificationId === undefined
    ? base
    : `${base}&notificationId=${encodeURIComponent(notificationId)}`;
}

/** Records an accepted push in the hub, for details. */
export function acceptNotification(
  context: EmulatorContext,
  hub: HubStore,
  send: ValidSend,
  tags: string | undefined,
  collection: "messages" | "schedulednotifications",
): NotificationRecord {
  const now = context.now();
  const id = newNotificationId(now);
  const record: NotificationRecord = {
    id,
    location: notificationLocation(context, hub, collection, id),
    state: "Enqueued",
    enqueueTime: now,
    startTime: undefined,
    endTime: undefined,
    body: send.text,
    tags,
    format: send.format,
    outcomeCounts: new Map(),
  };
  hub.rememberNotification(record);
  return record;
}
