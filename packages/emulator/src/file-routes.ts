import { timingSafeEqual } from "node:crypto";
import type { EmulatorContext, RouteRequest } from "./context.js";
import type { HubStore } from "./hub-store.js";
import { errorReply, type Reply } from "./service-reply.js";

/** The path segment of the file store below a hub. */
export const FILES_SEGMENT = "$files";

/** Checks a file name: non-empty `/`-separated segments, none `.` or `..`. */
export function validFileName(name: string): boolean {
  return (
    typeof name === "string" &&
    name !== "" &&
    name.split("/").every((part) => part !== "" && part !== "." && part !== "..")
  );
}

/** `{url}{hub}/$files/{name}?sig=...`: the URL that serves (and accepts uploads of) a file. */
export function fileUrl(context: EmulatorContext, hub: HubStore, name: string): string {
  const path = name.split("/").map(encodeURIComponent).join("/");
  return `${context.url}${encodeURIComponent(hub.name)}/${FILES_SEGMENT}/${path}?sig=${context.management.filesSig}`;
}

function sigMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What a file URL names: the hub, the file name, and whether its `sig` is right. */
export interface FileLocation {
  hubName: string;
  name: string;
  sigOk: boolean;
}

/** Reads a URL of this emulator's file store; undefined when it is not one. */
export function parseFileUrl(context: EmulatorContext, url: string): FileLocation | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const hosts = [context.url, context.listenUrl ?? context.url].map((base) => new URL(base).host);
  if (!hosts.includes(parsed.host)) return undefined;
  let segments: string[];
  try {
    segments = parsed.pathname
      .split("/")
      .filter((part) => part !== "")
      .map((part) => decodeURIComponent(part));
  } catch {
    return undefined;
  }
  const [hubName, files, ...rest] = segments;
  if (hubName === undefined || files !== FILES_SEGMENT || rest.length === 0) return undefined;
  return {
    hubName,
    name: rest.join("/"),
    sigOk: sigMatches(parsed.searchParams.get("sig"), context.management.filesSig),
  };
}

function checkSig(request: RouteRequest, context: EmulatorContext): Reply | undefined {
  if (sigMatches(request.query.get("sig"), context.management.filesSig)) return undefined;
  return errorReply(403, "The file URL's sig is missing or wrong.", { hub: request.hub.name });
}

/**
 * `PUT /{hub}/$files/{name}?sig=...`: stores the body as the file (201). Authorized by the `sig`
 * of the URL (as a blob SAS URL would be), not by a SAS token.
 */
export function handlePutFile(request: RouteRequest, context: EmulatorContext): Reply {
  const denied = checkSig(request, context);
  if (denied !== undefined) return denied;
  const name = request.rest.slice(1).join("/");
  if (!validFileName(name)) {
    return errorReply(400, `The file name '${name}' is not valid.`, { hub: request.hub.name });
  }
  request.hub.files.set(name, request.body.toString("utf8"));
  return { status: 201, hub: request.hub.name };
}

/** `GET /{hub}/$files/{name}?sig=...`: the file as UTF-8 text (200), 404 when unknown. */
export function handleGetFile(request: RouteRequest, context: EmulatorContext): Reply {
  const denied = checkSig(request, context);
  if (denied !== undefined) return denied;
  const name = request.rest.slice(1).join("/");
  const text = request.hub.files.get(name);
  if (text === undefined) {
    return errorReply(404, `The file '${name}' does not exist.`, { hub: request.hub.name });
  }
  return {
    status: 200,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
    body: text,
    hub: request.hub.name,
  };
}
