import {
  type AnyRegistration,
  assertRegistration,
  parseRegistrationEntry,
  serializeRegistration,
  serializeRegistrationFeed,
} from "@nhub/management";
import type { StoredRegistration } from "./registration-store.js";
import { errorReply, type Reply } from "./service-reply.js";

/** Content type of the service's registration entries. */
export const ATOM_ENTRY_TYPE = "application/atom+xml; type=entry; charset=utf-8";
/** Content type of the service's feeds. */
export const ATOM_FEED_TYPE = "application/atom+xml; type=feed; charset=utf-8";

/**
 * Reads the registration of a request body (an Atom entry, either element form) and checks it
 * with `@nhub/management`'s rules (tags, channel fields, template). An error reply (400) when
 * the body is not a registration of a known kind.
 */
export function readRegistrationBody(body: string): AnyRegistration | Reply {
  let registration: AnyRegistration;
  try {
    registration = parseRegistrationEntry(body);
    if (registration.kind === "unknown") {
      return errorReply(
        400,
        `The registration description '${registration.elementName}' is not supported.`,
      );
    }
    assertRegistration(registration, "The registration");
  } catch (error) {
    return errorReply(400, `Invalid registration: ${(error as Error).message}`);
  }
  return registration;
}

/**
 * The entry of a stored registration as the service writes it. `write`: the answer to a create or
 * update, whose `ExpirationTime` has no `Z` (as recorded); reads keep the `Z`.
 */
export function registrationEntry(entry: StoredRegistration, write: boolean): string {
  const xml = serializeRegistration(entry.registration, { includeReadOnly: true });
  return write ? xml.replace(/(<ExpirationTime>[^<]*)Z</, "$1<") : xml;
}

/** A 200 answer holding one registration entry, with its weak `ETag` header. */
export function registrationReply(
  entry: StoredRegistration,
  write: boolean,
  extraHeaders: Record<string, string> = {},
): Reply {
  return {
    status: 200,
    headers: {
      "Content-Type": ATOM_ENTRY_TYPE,
      ETag: `W/"${entry.version}"`,
      ...extraHeaders,
    },
    body: registrationEntry(entry, write),
  };
}

/** A feed of registrations, as listings answer. */
export function registrationFeed(entries: readonly StoredRegistration[]): string {
  return serializeRegistrationFeed(
    entries.map((entry) => entry.registration),
    { includeReadOnly: true },
  );
}

/**
 * Whether an `If-Match` value admits the current version: `*`, or one of a comma-separated list
 * of etags written bare (`2`), quoted (`"2"`) or weak (`W/"2"`).
 */
export function ifMatchAdmits(ifMatch: string, version: number): boolean {
  return ifMatch.split(",").some((part) => {
    const value = part.trim();
    if (value === "*") return true;
    const bare = value.replace(/^W\//i, "").replace(/^"(.*)"$/, "$1");
    return bare === String(version);
  });
}
