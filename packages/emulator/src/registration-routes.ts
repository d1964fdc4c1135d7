import type { AnyRegistration } from "@nhub/management";
import { type EmulatorContext, locationApiVersion, type RouteRequest } from "./context.js";
import { installationRegistrations } from "./installation-registrations.js";
import { filterMatches, parseRegistrationFilter } from "./registration-filter.js";
import {
  ATOM_ENTRY_TYPE,
  ATOM_FEED_TYPE,
  ifMatchAdmits,
  readRegistrationBody,
  registrationFeed,
  registrationReply,
} from "./registration-io.js";
import { newRegistrationId, type StoredRegistration } from "./registration-store.js";
import { header } from "./send-validation.js";
import { errorReply, type Reply } from "./service-reply.js";

/** Page size of a listing without `$top`, as in the service. */
export const DEFAULT_TOP = 100;

function isReply(value: AnyRegistration | Reply): value is Reply {
  return typeof (value as Reply).status === "number";
}

function registrationUrl(context: EmulatorContext, request: RouteRequest, id: string): string {
  return `${context.url}${encodeURIComponent(request.hub.name)}/registrations/${encodeURIComponent(id)}?api-version=${locationApiVersion(context)}`;
}

function withHub(reply: Reply, request: RouteRequest): Reply {
  return { ...reply, hub: request.hub.name };
}

/** `POST /{hub}/registrationIDs`: 201, empty body, the new id as the last segment of `Location`. */
export function handleCreateRegistrationId(request: RouteRequest, context: EmulatorContext): Reply {
  const location = `${context.url}${encodeURIComponent(request.hub.name)}/registrationids/${newRegistrationId()}`;
  return withHub(
    { status: 201, headers: { "Content-Type": ATOM_ENTRY_TYPE, Location: location } },
    request,
  );
}

/** `POST /{hub}/registrations`: stores the registration under a new id; 200 with the entry (as recorded). */
export function handleCreateRegistration(request: RouteRequest, context: EmulatorContext): Reply {
  const registration = readRegistrationBody(request.body.toString("utf8"));
  if (isReply(registration)) return withHub(registration, request);
  const store = request.hub.registrations;
  const now = context.now();
  let id = newRegistrationId();
  while (store.lookup(id, now).state !== "missing") id = newRegistrationId();
  const entry = store.put(id, registration, now, context.management.registrationTtlMs);
  return withHub(
    registrationReply(entry, true, { "Content-Location": registrationUrl(context, request, id) }),
    request,
  );
}

type Found = { entry: StoredRegistration; reply?: undefined } | { entry?: undefined; reply: Reply };

/** The live registration `id`, or the 404 / 410 / 412 the service answers. */
function findForWrite(
  request: RouteRequest,
  context: EmulatorContext,
  id: string,
  ifMatch: string | undefined,
): Found {
  const found = request.hub.registrations.lookup(id, context.now());
  if (found.state === "missing") {
    return { reply: errorReply(404, "No registration exists at this location.") };
  }
  if (found.state === "expired") {
    return { reply: errorReply(410, `The registration '${id}' has expired.`) };
  }
  if (ifMatch !== undefined && !ifMatchAdmits(ifMatch, found.entry.version)) {
    return {
      reply: errorReply(
        412,
        `Precondition failed: the registration's ETag is W/"${found.entry.version}", not ${ifMatch}.`,
      ),
    };
  }
  return { entry: found.entry };
}

/**
 * `PUT /{hub}/registrations/{id}`: creates or replaces the registration (200 with the entry).
 * With `If-Match` it is an update: 404 when missing, 410 when expired, 412 when no etag matches.
 */
export function handlePutRegistration(request: RouteRequest, context: EmulatorContext): Reply {
  const id = request.rest[1] ?? "";
  const registration = readRegistrationBody(request.body.toString("utf8"));
  if (isReply(registration)) return withHub(registration, request);
  if (registration.registrationId !== undefined && registration.registrationId !== id) {
    return withHub(
      errorReply(
        400,
        `The RegistrationId '${registration.registrationId}' of the body differs from '${id}' in the URL.`,
      ),
      request,
    );
  }
  const ifMatch = header(request.headers, "if-match");
  if (ifMatch !== undefined) {
    const found = findForWrite(request, context, id, ifMatch);
    if (found.reply !== undefined) return withHub(found.reply, request);
  }
  const entry = request.hub.registrations.put(
    id,
    registration,
    context.now(),
    context.management.registrationTtlMs,
  );
  return withHub(registrationReply(entry, true), request);
}

/** `GET /{hub}/registrations/{id}`: 200 with the entry; 404 (empty message) or 410 (expired). */
export function handleGetRegistration(request: RouteRequest, context: EmulatorContext): Reply {
  const id = request.rest[1] ?? "";
  const found = request.hub.registrations.lookup(id, context.now());
  if (found.state === "missing") return withHub(errorReply(404, ""), request);
  if (found.state === "expired") {
    return withHub(errorReply(410, `The registration '${id}' has expired.`), request);
  }
  return withHub(registrationReply(found.entry, false), request);
}

/** `DELETE /{hub}/registrations/{id}`: 200 with `If-Match: *` (or none) or the current etag. */
export function handleDeleteRegistration(request: RouteRequest, context: EmulatorContext): Reply {
  const id = request.rest[1] ?? "";
  const found = findForWrite(request, context, id, header(request.headers, "if-match"));
  if (found.reply !== undefined) return withHub(found.reply, request);
  request.hub.registrations.delete(id);
  return withHub({ status: 200 }, request);
}

/** `x-ms-continuationtoken` naming the registration a page starts at, already percent-encoded. */
export function continuationToken(seq: number): string {
  return encodeURIComponent(Buffer.from(`seq:${seq}`).toString("base64"));
}

function readToken(raw: string | null): number | undefined | "invalid" {
  if (raw === null || raw === "") return undefined;
  let text = raw;
  try {
    if (text.includes("%")) text = decodeURIComponent(text);
  } catch {
    return "invalid";
  }
  const match = /^seq:(\d+)$/.exec(Buffer.from(text, "base64").toString("utf8"));
  return match === null ? "invalid" : Number(match[1]);
}

function listing(
  request: RouteRequest,
  context: EmulatorContext,
  pick: (registration: AnyRegistration) => boolean,
): Reply {
  const topText = request.query.get("$top");
  const top = topText === null ? DEFAULT_TOP : Number(topText);
  if (!Number.isInteger(top) || top < 1) {
    return withHub(
      errorReply(400, `The $top '${topText}' must be a whole number, 1 or more.`),
      request,
    );
  }
  const start = readToken(request.query.get("continuationtoken"));
  if (start === "invalid") {
    return withHub(errorReply(400, "The continuationtoken is not valid."), request);
  }
  const filterText = request.query.get("$filter");
  const conditions = filterText === null ? [] : parseRegistrationFilter(filterText);
  if (typeof conditions === "string") return withHub(errorReply(400, conditions), request);
  const matching = [
    ...request.hub.registrations.live(context.now()),
    ...installationRegistrations(request.hub.installations.values()),
  ]
    .filter((entry) => start === undefined || entry.seq >= start)
    .filter((entry) => pick(entry.registration) && filterMatches(entry.registration, conditions));
  const page = matching.slice(0, top);
  const next = matching[top];
  const headers: Record<string, string> = { "Content-Type": ATOM_FEED_TYPE };
  if (next !== undefined) headers["x-ms-continuationtoken"] = continuationToken(next.seq);
  return withHub({ status: 200, headers, body: registrationFeed(page) }, request);
}

/**
 * `GET /{hub}/registrations[?$top=N][&$filter=...][&continuationtoken=...]`: an Atom feed of at
 * most `$top` (default 100) registrations, with `x-ms-continuationtoken` while more remain.
 */
export function handleListRegistrations(request: RouteRequest, context: EmulatorContext): Reply {
  return listing(request, context, () => true);
}

/** `GET /{hub}/tags/{tag}/registrations`: the registrations carrying `tag`, paged the same way. */
export function handleListRegistrationsByTag(
  request: RouteRequest,
  context: EmulatorContext,
): Reply {
  const tag = request.rest[1] ?? "";
  return listing(request, context, (registration) => registration.tags?.includes(tag) === true);
}
