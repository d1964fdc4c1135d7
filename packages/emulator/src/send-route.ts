import {
  acceptNotification,
  type EmulatorContext,
  queryFlag,
  type RouteRequest,
} from "./context.js";
import { deliver } from "./delivery.js";
import { handleDirectSend } from "./direct-route.js";
import { notificationOutcomeXml, outcomeObject } from "./outcome-xml.js";
import { isErrorReply, validateSend } from "./send-validation.js";
import type { Reply } from "./service-reply.js";
import { isTagsError, parseTagsHeader } from "./tags-header.js";
import { FORMAT_PLATFORM, selectTargets } from "./targeting.js";

/** Most devices a test send reaches, as in the service. */
export const TEST_SEND_LIMIT = 10;

/**
 * `POST /{hub}/messages`: a broadcast or tag send (`?test` for a test send, `?direct` for a
 * direct send). Answers 201 with `Location`; a test send also with a `NotificationOutcome`.
 */
export function handleSend(request: RouteRequest, context: EmulatorContext): Reply {
  const send = validateSend(request.headers, request.body);
  if (isErrorReply(send)) return send;
  if (queryFlag(request.query, "direct")) return handleDirectSend(request, context, send);
  const tags = parseTagsHeader(request.headers);
  if (isTagsError(tags)) return tags;
  const test = queryFlag(request.query, "test");
  let targets = selectTargets(request.hub.targets(), {
    platform: send.format === "template" ? undefined : FORMAT_PLATFORM[send.format],
    expression: tags.expression,
  });
  if (test) targets = targets.slice(0, TEST_SEND_LIMIT);
  const record = acceptNotification(context, request.hub, send, tags.text, "messages");
  const results = deliver(context, request.hub, record, send, targets);
  const reply: Reply = {
    status: 201,
    headers: { Location: record.location },
    hub: request.hub.name,
    notificationId: record.id,
  };
  if (test) {
    reply.headers = { ...reply.headers, "Content-Type": "application/xml; charset=utf-8" };
    reply.body = notificationOutcomeXml(results);
    reply.outcome = outcomeObject(results);
  }
  return reply;
}
