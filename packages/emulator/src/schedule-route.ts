import { acceptNotification, type EmulatorContext, type RouteRequest } from "./context.js";
import { armScheduledPush } from "./scheduled-push.js";
import { parseScheduleTime } from "./scheduler.js";
import { header, isErrorReply, validateSend } from "./send-validation.js";
import { errorReply, type Reply } from "./service-reply.js";
import { isTagsError, parseTagsHeader } from "./tags-header.js";

/**
 * `POST /{hub}/schedulednotifications` with `ServiceBusNotification-ScheduleTime`: accepted now,
 * targeted and delivered at its time (at once when the time has passed) unless cancelled.
 */
export function handleSchedule(request: RouteRequest, context: EmulatorContext): Reply {
  const send = validateSend(request.headers, request.body);
  if (isErrorReply(send)) return send;
  const tags = parseTagsHeader(request.headers);
  if (isTagsError(tags)) return tags;
  const timeText = header(request.headers, "servicebusnotification-scheduletime");
  if (timeText === undefined) {
    return errorReply(
      400,
      "A scheduled send needs the ServiceBusNotification-ScheduleTime header (UTC, yyyy-MM-ddTHH:mm:ss).",
    );
  }
  const time = parseScheduleTime(timeText);
  if (time === undefined) {
    return errorReply(
      400,
      `ServiceBusNotification-ScheduleTime '${timeText}' is not a UTC time of the form yyyy-MM-ddTHH:mm:ss.`,
    );
  }
  const hub = request.hub;
  const record = acceptNotification(context, hub, send, tags.text, "schedulednotifications");
  record.state = "Scheduled";
  armScheduledPush(context, hub, record, { at: time, send });
  return {
    status: 201,
    headers: { Location: record.location },
    hub: hub.name,
    notificationId: record.id,
  };
}

/** `DELETE /{hub}/schedulednotifications/{id}`: 200, or 404 when unknown, sent or cancelled. */
export function handleCancel(request: RouteRequest, context: EmulatorContext): Reply {
  const id = request.rest[1] ?? "";
  const record = request.hub.notifications.get(id);
  if (record === undefined || record.state !== "Scheduled" || !context.scheduler.cancel(id)) {
    return errorReply(404, `No scheduled notification '${id}' is pending in this hub.`, {
      hub: request.hub.name,
    });
  }
  record.state = "Canceled";
  record.endTime = context.now();
  request.hub.changes.mark("scheduled", id);
  return { status: 200, hub: request.hub.name, notificationId: id };
}
