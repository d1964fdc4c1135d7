import type { HubRequest } from "./client-types.js";
import { InvalidArgumentError } from "./errors.js";

/** The REST API version nhub speaks. */
export const API_VERSION = "2020-06";
/** `?api-version=...`, the query every request starts with. */
export const QUERY = `?api-version=${API_VERSION}`;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

/**
 * @internal The method and hub-relative path (with its query) of a `client.request` call:
 * `api-version` first, then `query` (names and values encoded, a `$` kept as OData writes it),
 * then `rawQuery` as given. Throws `InvalidArgumentError` without a known method and a path.
 */
export function hubRequestPath(request: HubRequest): { method: string; path: string } {
  const method = request?.method;
  if (typeof request?.path !== "string" || !METHODS.includes(method)) {
    throw new InvalidArgumentError(
      `client.request needs { method, path }: a method of ${METHODS.join(", ")} and a hub-relative path.`,
    );
  }
  let path = `${request.path.replace(/^\/+/, "")}${QUERY}`;
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value === undefined || name === "api-version") continue;
    const text = String(value);
    const key = encodeURIComponent(name).replace(/%24/g, "$");
    path += text === "" ? `&${key}` : `&${key}=${encodeURIComponent(text)}`;
  }
  if (request.rawQuery) path += `&${request.rawQuery.replace(/^[?&]+/, "")}`;
  return { method, path };
}
