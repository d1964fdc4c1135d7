import type { IncomingHttpHeaders } from "node:http";
import { type ParsedTagExpression, parseTagExpression } from "@nhub/core";
import { header } from "./send-validation.js";
import { errorReply, type Reply } from "./service-reply.js";

/** The `ServiceBusNotification-Tags` header of a send, parsed. */
export interface TagsHeader {
  /** The header text; undefined for a broadcast. */
  text: string | undefined;
  expression: ParsedTagExpression | undefined;
}

/**
 * Parses `ServiceBusNotification-Tags` with core's parser (same grammar and limits as the
 * client). A header that is present but empty or invalid is a 400, never a broadcast.
 */
export function parseTagsHeader(headers: IncomingHttpHeaders): TagsHeader | Reply {
  const text = header(headers, "servicebusnotification-tags");
  if (text === undefined) return { text: undefined, expression: undefined };
  try {
    return { text, expression: parseTagExpression(text) };
  } catch (error) {
    const reason = error instanceof Error ? ` ${error.message}` : "";
    return errorReply(400, `An invalid tag(s) '${text}' was supplied.${reason}`);
  }
}

/** True when `value` is an error reply. */
export function isTagsError(value: TagsHeader | Reply): value is Reply {
  return "status" in value;
}
