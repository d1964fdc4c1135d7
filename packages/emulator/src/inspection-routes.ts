import type { IncomingMessage, ServerResponse } from "node:http";
import type { BoundedLog, LogEntry } from "./bounded-log.js";
import { type DeliveryLog, deliveryFilter } from "./delivery-log.js";
import { deviceRecords } from "./device-view.js";
import type { DeliveryStreams } from "./event-stream.js";
import { FaultQueue } from "./faults.js";
import type { HubStore } from "./hub-store.js";
import { type InspectionAccess, inspectionAllowed } from "./inspection-auth.js";
import type { RequestLog } from "./request-log.js";
import { isPublicPageAsset, pageFileName, servePageFile } from "./static-files.js";
import type { FaultOptions } from "./types.js";

/** Where the inspection API lives; the data plane never sees these paths. */
export const INSPECTION_PREFIX = "/_nhub/";
/** The version `GET /_nhub/api/info` reports. */
export const EMULATOR_VERSION = "1.0.0";
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

/** What the inspection routes read and change. */
export interface InspectionState {
  hubs: ReadonlyMap<string, HubStore>;
  deliveries: DeliveryLog;
  requests: RequestLog;
  streams: DeliveryStreams;
  faults: FaultQueue;
  maxDeliveries: number;
  tls: boolean;
  /** The access rule of one request (its URLs for a SAS audience). */
  access(path: string, host: string | undefined): InspectionAccess;
  clearDeliveries(): void;
  reset(): void;
}

/** True when the request is for the inspection API or page. */
export function isInspectionPath(url: string | undefined): boolean {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path === "/_nhub" || path.startsWith(INSPECTION_PREFIX);
}

/** The answer was written. */
type Handled = true;

function json(res: ServerResponse, status: number, value: unknown): Handled {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(JSON.stringify(value));
  return true;
}

function fail(res: ServerResponse, status: number, code: string, message: string): Handled {
  return json(res, status, { error: { code, message } });
}

function noContent(res: ServerResponse): Handled {
  res.writeHead(204, { "cache-control": "no-store" });
  res.end();
  return true;
}

function page<T extends LogEntry>(
  res: ServerResponse,
  log: BoundedLog<T>,
  query: URLSearchParams,
  accept: (entry: T) => boolean,
): Handled {
  const limitText = query.get("limit");
  const limit = limitText === null || limitText === "" ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return fail(res, 400, "InvalidLimit", `limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  const cursor = query.get("cursor");
  let before = Number.POSITIVE_INFINITY;
  if (cursor !== null && cursor !== "") {
    if (!/^c[1-9]\d{0,15}$/.test(cursor)) {
      return fail(res, 400, "InvalidCursor", "cursor must be the `next` value of a previous page");
    }
    before = Number(cursor.slice(1));
  }
  const items: T[] = [];
  let next: string | null = null;
  for (const entry of log.newestFirst(before)) {
    if (!accept(entry)) continue;
    if (items.length === limit) {
      next = `c${items[items.length - 1]?.sequence}`;
      break;
    }
    items.push(entry);
  }
  return json(res, 200, { items, next, pruned: log.pruned });
}

function readJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

function faults(res: ServerResponse, body: Buffer, state: InspectionState): Handled {
  const value = readJson(body);
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((item) => item === null || typeof item !== "object")) {
    return fail(
      res,
      400,
      "InvalidFault",
      "the body must be a FaultOptions object or an array of them",
    );
  }
  try {
    // Check every fault before queueing any.
    const probe = new FaultQueue();
    for (const item of list) probe.add(item as FaultOptions);
  } catch (error) {
    return fail(res, 400, "InvalidFault", (error as Error).message);
  }
  for (const item of list) state.faults.add(item as FaultOptions);
  return json(res, 200, { queued: list.length });
}

function route(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  state: InspectionState,
  parts: string[],
  query: URLSearchParams,
): Handled {
  const method = req.method ?? "GET";
  const key = parts.join("/");
  const wrong = (allowed: string): Handled | undefined => {
    if (method === allowed || (allowed === "GET" && method === "HEAD")) return undefined;
    res.setHeader("allow", allowed);
    return fail(res, 405, "MethodNotAllowed", `${method} is not allowed here; use ${allowed}`);
  };
  if (key === "api/info") {
    const refused = wrong("GET");
    if (refused) return refused;
    return json(res, 200, {
      hubs: [...state.hubs.keys()],
      maxDeliveries: state.maxDeliveries,
      tls: state.tls,
      version: EMULATOR_VERSION,
    });
  }
  if (key === "api/deliveries") {
    if (method === "DELETE") {
      state.clearDeliveries();
      return noContent(res);
    }
    const refused = wrong("GET");
    if (refused) return refused;
    const filter = deliveryFilter(query);
    if (typeof filter === "string") return fail(res, 400, "InvalidFilter", filter);
    return page(res, state.deliveries, query, filter);
  }
  if (key === "api/deliveries/stream") {
    const refused = wrong("GET");
    if (refused) return refused;
    const filter = deliveryFilter(query);
    if (typeof filter === "string") return fail(res, 400, "InvalidFilter", filter);
    state.streams.open(res, filter);
    return true;
  }
  if (parts.length === 3 && (parts[1] === "deliveries" || parts[1] === "requests")) {
    const refused = wrong("GET");
    if (refused) return refused;
    const log: BoundedLog<LogEntry> = parts[1] === "deliveries" ? state.deliveries : state.requests;
    const entry = log.get(parts[2] ?? "");
    if (entry === undefined) {
      return fail(
        res,
        404,
        "NotFound",
        `no ${parts[1]} record '${parts[2]}' (it may have been pruned or cleared)`,
      );
    }
    return json(res, 200, entry);
  }
  if (key === "api/requests") {
    const refused = wrong("GET");
    if (refused) return refused;
    return page(res, state.requests, query, () => true);
  }
  if (key === "api/devices") {
    const refused = wrong("GET");
    if (refused) return refused;
    const name = query.get("hub");
    const hubs = [...state.hubs.values()].filter((hub) => !name || hub.name === name);
    if (name && hubs.length === 0) {
      return fail(
        res,
        404,
        "UnknownHub",
        `no hub '${name}'; hubs are: ${[...state.hubs.keys()].join(", ")}`,
      );
    }
    const now = new Date();
    return json(res, 200, { items: hubs.flatMap((hub) => deviceRecords(hub, now)) });
  }
  if (key === "api/faults") {
    const refused = wrong("POST");
    if (refused) return refused;
    return faults(res, body, state);
  }
  if (key === "api/reset") {
    const refused = wrong("POST");
    if (refused) return refused;
    state.reset();
    return noContent(res);
  }
  return fail(res, 404, "NotFound", `no inspection route ${method} /_nhub/${key}`);
}

function page404(res: ServerResponse, parts: string[]): Handled {
  return fail(res, 404, "NotFound", `no page file '${parts.join("/")}' in the inbox`);
}

/**
 * Answers a request under `/_nhub/`: health (always open), then the access check, then the
 * inspection API of the contract, or a file of the inbox page.
 */
export async function handleInspection(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  state: InspectionState,
): Promise<Handled> {
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const parts = url.pathname.slice(INSPECTION_PREFIX.length).split("/").filter(Boolean);
  if (parts.join("/") === "health") return json(res, 200, { status: "ok" });
  const asset = parts[0] === "api" ? undefined : pageFileName(parts);
  const reading = req.method === "GET" || req.method === "HEAD";
  if (asset !== undefined && isPublicPageAsset(asset) && reading) {
    if (await servePageFile(res, asset)) return true;
  }
  if (
    !inspectionAllowed(req.headers, url.searchParams, state.access(url.pathname, req.headers.host))
  ) {
    return fail(
      res,
      401,
      "Unauthorized",
      "the inspection API needs 'Authorization: Bearer <inspectionToken>', '?token=<inspectionToken>' or a SharedAccessSignature of a rule with Manage",
    );
  }
  if (parts[0] === "api") return route(req, res, body, state, parts, url.searchParams);
  if (url.pathname === "/_nhub") {
    res.writeHead(308, { location: `/_nhub/${url.search}`, "cache-control": "no-store" });
    res.end();
    return true;
  }
  const name = pageFileName(parts);
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET");
    return fail(res, 405, "MethodNotAllowed", `${req.method} is not allowed here; use GET`);
  }
  if (name === undefined || !(await servePageFile(res, name))) return page404(res, parts);
  return true;
}
