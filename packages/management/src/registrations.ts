import { InvalidArgumentError, NotificationHubsError } from "@nhub/core";
import { channelFilter } from "./channel-filter.js";
import {
  ATOM_ENTRY,
  assertClient,
  type HubClient,
  lastSegment,
  type OperationOptions,
  readResponse,
  segment,
  withSignal,
} from "./hub-client.js";
import {
  assertTop,
  type ListRegistrationsOptions,
  type PagedRegistrations,
  pagedRegistrations,
} from "./paging.js";
import { parseRegistrationEntry } from "./registration-parse.js";
import type { AnyRegistration, RegistrationChannel } from "./registration-types.js";
import { assertRegistration } from "./registration-validate.js";
import { serializeRegistration } from "./registration-xml.js";
import { validateTags } from "./validate.js";

/** Options of {@link deleteRegistration}. */
export interface DeleteRegistrationOptions extends OperationOptions {
  /** Delete only if the registration still has this etag (412 otherwise). Default: `If-Match: *`. */
  etag?: string;
}

/** `If-Match` value for an etag: `"3"` for `3`; `*` and quoted values are sent as they are. */
export function ifMatch(etag: string): string {
  return etag === "*" || etag.startsWith('"') || etag.startsWith('W/"') ? etag : `"${etag}"`;
}

/**
 * Asks the hub for a new registration id (`POST registrationIDs`), to use with
 * {@link createOrUpdateRegistration}. Resolves to the id.
 */
export async function createRegistrationId(
  client: HubClient,
  options?: OperationOptions,
): Promise<string> {
  assertClient(client, "createRegistrationId");
  const response = await client.request(
    withSignal({ method: "POST", path: "registrationIDs" }, options),
  );
  const id = lastSegment(response.headers.location);
  if (id === undefined) {
    throw new NotificationHubsError(
      "INVALID_RESPONSE",
      "createRegistrationId: the service answered without a Location header naming the new id.",
    );
  }
  return id;
}

/**
 * Creates a registration (`POST registrations`); the service chooses its id. Its `registrationId`
 * and `etag`, if any, are ignored. Resolves to the stored registration. Never mutates the input.
 */
export async function createRegistration(
  client: HubClient,
  registration: AnyRegistration,
  options?: OperationOptions,
): Promise<AnyRegistration> {
  assertClient(client, "createRegistration");
  assertRegistration(registration, "createRegistration");
  const body = serializeRegistration({
    ...registration,
    registrationId: undefined,
    etag: undefined,
  } as AnyRegistration);
  const response = await client.request(
    withSignal(
      { method: "POST", path: "registrations", headers: { "Content-Type": ATOM_ENTRY }, body },
      options,
    ),
  );
  return readEntry("createRegistration", response);
}

/**
 * Creates the registration with its `registrationId`, or replaces it whatever its etag
 * (`PUT registrations/{id}`). Resolves to the stored registration.
 */
export async function createOrUpdateRegistration(
  client: HubClient,
  registration: AnyRegistration,
  options?: OperationOptions,
): Promise<AnyRegistration> {
  return put(client, registration, "createOrUpdateRegistration", false, options);
}

/**
 * Replaces a registration only if it still has `registration.etag` (`PUT` with `If-Match`); the
 * service answers 412 (a `ServiceError`) when someone changed it meanwhile.
 */
export async function updateRegistration(
  client: HubClient,
  registration: AnyRegistration,
  options?: OperationOptions,
): Promise<AnyRegistration> {
  return put(client, registration, "updateRegistration", true, options);
}

async function put(
  client: HubClient,
  registration: AnyRegistration,
  operation: string,
  needsEtag: boolean,
  options: OperationOptions | undefined,
): Promise<AnyRegistration> {
  assertClient(client, operation);
  assertRegistration(registration, operation);
  const id = segment(
    registration.registrationId,
    "registration.registrationId (from createRegistrationId or a read)",
    operation,
  );
  const headers: Record<string, string> = { "Content-Type": ATOM_ENTRY };
  if (needsEtag) {
    if (typeof registration.etag !== "string" || registration.etag.trim() === "") {
      throw new InvalidArgumentError(
        `${operation} needs registration.etag (read the registration first), or use createOrUpdateRegistration to overwrite.`,
      );
    }
    headers["If-Match"] = ifMatch(registration.etag);
  }
  const body = serializeRegistration({ ...registration, etag: undefined } as AnyRegistration);
  const response = await client.request(
    withSignal({ method: "PUT", path: `registrations/${id}`, headers, body }, options),
  );
  return readEntry(operation, response);
}

/** Reads one registration (`GET registrations/{id}`); a missing one is a 404 `ServiceError`. */
export async function getRegistration(
  client: HubClient,
  registrationId: string,
  options?: OperationOptions,
): Promise<AnyRegistration> {
  assertClient(client, "getRegistration");
  const id = segment(registrationId, "registrationId", "getRegistration");
  const response = await client.request(
    withSignal({ method: "GET", path: `registrations/${id}` }, options),
  );
  return readEntry("getRegistration", response);
}

/** Deletes a registration, with `If-Match: *` unless `options.etag` is given. */
export async function deleteRegistration(
  client: HubClient,
  registrationId: string,
  options: DeleteRegistrationOptions = {},
): Promise<void> {
  assertClient(client, "deleteRegistration");
  const id = segment(registrationId, "registrationId", "deleteRegistration");
  if (
    options.etag !== undefined &&
    (typeof options.etag !== "string" || options.etag.trim() === "")
  ) {
    throw new InvalidArgumentError(
      "deleteRegistration: options.etag must be a non-empty string, or left out to delete whatever the etag.",
    );
  }
  const headers = { "If-Match": options.etag === undefined ? "*" : ifMatch(options.etag) };
  await client.request(
    withSignal({ method: "DELETE", path: `registrations/${id}`, headers }, options),
  );
}

/** Lists every registration of the hub, following continuation tokens. */
export function listRegistrations(
  client: HubClient,
  options: ListRegistrationsOptions = {},
): PagedRegistrations {
  assertClient(client, "listRegistrations");
  assertTop(options.top, "listRegistrations");
  return pagedRegistrations(client, "registrations", {}, options, "listRegistrations");
}

/** Lists the registrations that carry `tag` (`GET tags/{tag}/registrations`). */
export function listRegistrationsByTag(
  client: HubClient,
  tag: string,
  options: ListRegistrationsOptions = {},
): PagedRegistrations {
  assertClient(client, "listRegistrationsByTag");
  validateTags([tag], "listRegistrationsByTag: tag", true);
  assertTop(options.top, "listRegistrationsByTag");
  return pagedRegistrations(
    client,
    `tags/${encodeURIComponent(tag)}/registrations`,
    {},
    options,
    "listRegistrationsByTag",
  );
}

/** Lists the registrations of one device channel (`$filter` on the kind's handle fields). */
export function listRegistrationsByChannel(
  client: HubClient,
  channel: RegistrationChannel,
  options: ListRegistrationsOptions = {},
): PagedRegistrations {
  assertClient(client, "listRegistrationsByChannel");
  const filter = channelFilter(channel, "listRegistrationsByChannel");
  assertTop(options.top, "listRegistrationsByChannel");
  return pagedRegistrations(
    client,
    "registrations",
    { $filter: filter },
    options,
    "listRegistrationsByChannel",
  );
}

function readEntry(
  operation: string,
  response: { headers: Record<string, string>; body: string },
): AnyRegistration {
  return readResponse(operation, () =>
    parseRegistrationEntry(response.body, { etag: response.headers.etag }),
  );
}
