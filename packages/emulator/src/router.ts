import type { IncomingHttpHeaders } from "node:http";
import type { EmulatorContext, RouteRequest } from "./context.js";
import { handleBatchSend } from "./direct-route.js";
import type { HubStore } from "./hub-store.js";
import { MANAGEMENT_ROUTES } from "./management-routes.js";
import { handleDetails, handleFeedbackContainer, handleFeedbackList } from "./read-routes.js";
import { checkRight, type Right, type SasRule, verifySasToken } from "./sas-auth.js";
import { handleCancel, handleSchedule } from "./schedule-route.js";
import { handleSend } from "./send-route.js";
import { header } from "./send-validation.js";
import { errorReply, type Reply } from "./service-reply.js";

/** One route below `/{hub}/`. */
export interface Route {
  method: string;
  /** Matches the decoded path segments after the hub name. */
  matches(rest: readonly string[]): boolean;
  /** The right the SAS rule needs; undefined for routes authorized otherwise. */
  right: Right | undefined;
  handle(request: RouteRequest, context: EmulatorContext): Reply;
}

/** The emulator's routes: sends, reads, and the management routes (`MANAGEMENT_ROUTES`). */
export const ROUTES: readonly Route[] = [
  {
    method: "POST",
    right: "Send",
    matches: (r) => r.length === 1 && r[0] === "messages",
    handle: handleSend,
  },
  {
    method: "POST",
    right: "Send",
    matches: (r) => r.length === 2 && r[0] === "messages" && r[1] === "$batch",
    handle: handleBatchSend,
  },
  {
    method: "GET",
    right: "Manage",
    matches: (r) => r.length === 2 && r[0] === "messages" && r[1] !== "$batch",
    handle: handleDetails,
  },
  {
    method: "POST",
    right: "Send",
    matches: (r) => r.length === 1 && r[0] === "schedulednotifications",
    handle: handleSchedule,
  },
  {
    method: "DELETE",
    right: "Send",
    matches: (r) => r.length === 2 && r[0] === "schedulednotifications",
    handle: handleCancel,
  },
  {
    method: "GET",
    right: "Manage",
    matches: (r) => r.length === 1 && r[0] === "feedbackcontainer",
    handle: handleFeedbackContainer,
  },
  {
    method: "GET",
    right: undefined,
    matches: (r) => r.length === 1 && r[0] === "$feedback",
    handle: handleFeedbackList,
  },
  ...MANAGEMENT_ROUTES,
];

/** Oldest and newest `api-version` the emulator accepts. */
export const API_VERSIONS = { oldest: "2013-10", newest: "2020-06" } as const;

const NO_SERVICE = "No service is hosted at the specified address.";

/** Everything the router needs about one request. */
export interface RawRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  /** `scheme://host/` as the client saw the emulator (`requestOrigin`); default `context.url`. */
  origin?: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What the router needs besides the routes. */
export interface RouterContext extends EmulatorContext {
  hubs: ReadonlyMap<string, HubStore>;
  rules: readonly SasRule[];
}

function checkApiVersion(query: URLSearchParams): Reply | undefined {
  const version = query.get("api-version");
  if (version === null || version === "") {
    return errorReply(
      400,
      "The api-version query parameter is required (for example api-version=2020-06).",
    );
  }
  if (
    !/^\d{4}-\d{2}$/.test(version) ||
    version < API_VERSIONS.oldest ||
    version > API_VERSIONS.newest
  ) {
    return errorReply(
      400,
      `The api-version '${version}' is not supported; use a version from ${API_VERSIONS.oldest} to ${API_VERSIONS.newest}.`,
    );
  }
  return undefined;
}

function findHub(hubs: ReadonlyMap<string, HubStore>, name: string): HubStore | undefined {
  const exact = hubs.get(name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  return [...hubs.values()].find((hub) => hub.name.toLowerCase() === lower);
}

function decodeSegments(pathname: string): string[] | undefined {
  try {
    return pathname
      .split("/")
      .filter((segment) => segment !== "")
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

/** Authenticates, finds the hub and the route, checks rights and api-version, and runs the route. */
export function routeRequest(
  raw: RawRequest,
  context: RouterContext,
  routes: readonly Route[] = ROUTES,
): Reply {
  const origin = raw.origin ?? context.url;
  const url = new URL(raw.url, origin);
  const segments = decodeSegments(url.pathname);
  if (segments === undefined)
    return errorReply(400, "The request path is not valid percent-encoding.");
  const [hubName, ...rest] = segments;
  const hub = hubName === undefined ? undefined : findHub(context.hubs, hubName);
  const matching = routes.filter((route) => route.matches(rest));
  const route = matching.find((candidate) => candidate.method === raw.method);
  const request = (found: HubStore): RouteRequest => ({
    method: raw.method,
    hub: found,
    rest,
    query: url.searchParams,
    headers: raw.headers,
    body: raw.body,
  });
  const scoped = scopedContext(context, origin, url.searchParams);
  if (route !== undefined && route.right === undefined) {
    return hub === undefined ? errorReply(404, NO_SERVICE) : route.handle(request(hub), scoped);
  }
  const host = header(raw.headers, "host") ?? new URL(context.url).host;
  const bases = [...new Set([origin.slice(0, -1), `http://${host}`])];
  const auth = verifySasToken(header(raw.headers, "authorization"), {
    rules: context.rules,
    requestUrls: bases.flatMap((base) => [
      `${base}${url.pathname}`,
      `${base}/${segments.join("/")}`,
    ]),
    nowSeconds: Math.floor(context.now().getTime() / 1000),
  });
  if (!auth.ok) return errorReply(auth.status, auth.detail);
  if (hub === undefined) return errorReply(404, NO_SERVICE);
  const hubInfo = { hub: hub.name };
  if (route === undefined) {
    return matching.length > 0
      ? errorReply(405, `${raw.method} is not allowed on this resource.`, hubInfo)
      : errorReply(404, NO_SERVICE, hubInfo);
  }
  const versionError = checkApiVersion(url.searchParams);
  if (versionError !== undefined) return { ...versionError, ...hubInfo };
  const rightError = route.right === undefined ? undefined : checkRight(auth.rule, route.right);
  if (rightError !== undefined) return errorReply(rightError.status, rightError.detail, hubInfo);
  return route.handle(request(hub), scoped);
}

/** The context of one request: its origin for returned URLs and its api-version for Locations. */
function scopedContext(
  context: RouterContext,
  origin: string,
  query: URLSearchParams,
): RouterContext {
  const version = query.get("api-version");
  const properties: PropertyDescriptorMap = { url: { value: origin } };
  if (version !== null && checkApiVersion(query) === undefined) {
    properties.apiVersion = { value: version };
  }
  return Object.create(context, properties) as RouterContext;
}
