import {
  acceptNotification,
  type EmulatorContext,
  queryFlag,
  type RouteRequest,
} from "./context.js";
import { deliver } from "./delivery.js";
import type { HubStore } from "./hub-store.js";
import { MultipartError, multipartBoundary, parseMultipart } from "./multipart.js";
import { header, isErrorReply, type ValidSend, validateSend } from "./send-validation.js";
import { errorReply, type Reply } from "./service-reply.js";
import { FORMAT_PLATFORM, type PushTarget } from "./targeting.js";

/** Most handles one batch request may carry. */
export const MAX_BATCH_HANDLES = 1000;

/** A target for one handle: the matching installation's, or a bare handle. */
function handleTarget(hub: HubStore, platform: string, handle: string): PushTarget {
  const known = hub
    .targets()
    .find(
      (target) =>
        target.template === undefined &&
        target.platform === platform &&
        target.pushChannel === handle,
    );
  return {
    source: "direct",
    id: known?.id ?? handle,
    installationId: known?.installationId,
    platform,
    pushChannel: handle,
    expired: known?.expired ?? false,
    tags: new Set(),
  };
}

function directFormatError(send: ValidSend): Reply | undefined {
  if (send.format === "template") {
    return errorReply(400, "Direct sends need a native format; template is not supported.");
  }
  return undefined;
}

function accepted(
  context: EmulatorContext,
  request: RouteRequest,
  send: ValidSend,
  handles: string[],
): Reply {
  const platform = FORMAT_PLATFORM[send.format] ?? send.format;
  const targets = handles.map((handle) => handleTarget(request.hub, platform, handle));
  const record = acceptNotification(context, request.hub, send, undefined, "messages");
  deliver(context, request.hub, record, send, targets);
  return {
    status: 201,
    headers: { Location: record.location },
    hub: request.hub.name,
    notificationId: record.id,
  };
}

/** `POST /{hub}/messages?direct` with `ServiceBusNotification-DeviceHandle`: exactly that device. */
export function handleDirectSend(
  request: RouteRequest,
  context: EmulatorContext,
  send: ValidSend,
): Reply {
  const formatError = directFormatError(send);
  if (formatError !== undefined) return formatError;
  const handle = header(request.headers, "servicebusnotification-devicehandle")?.trim();
  if (handle === undefined || handle === "") {
    return errorReply(400, "A direct send needs the ServiceBusNotification-DeviceHandle header.");
  }
  if (send.format === "browser") {
    for (const name of ["P256DH", "Auth"]) {
      const value = header(request.headers, name);
      if (value === undefined || value.trim() === "") {
        return errorReply(
          400,
          `A browser direct send needs the ${name} header of the subscription.`,
        );
      }
    }
  }
  return accepted(context, request, send, [handle]);
}

function readHandles(text: string): string[] | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "The devices part must be a JSON array of device handles.";
  }
  if (!Array.isArray(value)) return "The devices part must be a JSON array of device handles.";
  const handles: string[] = [];
  for (const item of value) {
    const handle =
      typeof item === "string" ? item : (item as { endpoint?: unknown } | null)?.endpoint;
    if (typeof handle !== "string" || handle.trim() === "") {
      return "Every entry of the devices part must be a non-empty device handle.";
    }
    handles.push(handle);
  }
  if (handles.length === 0) return "The devices part lists no device handle.";
  if (handles.length > MAX_BATCH_HANDLES) {
    return `A batch send may carry at most ${MAX_BATCH_HANDLES} device handles; this one has ${handles.length}.`;
  }
  return handles;
}

/**
 * `POST /{hub}/messages/$batch?direct`: a multipart body with a `notification` part (the push,
 * at most 64 KB) and a `devices` part (a JSON array of at most 1000 handles).
 */
export function handleBatchSend(request: RouteRequest, context: EmulatorContext): Reply {
  if (!queryFlag(request.query, "direct")) {
    return errorReply(400, "A batch send must be a direct send: add the direct query flag.");
  }
  let notification: Buffer | undefined;
  let notificationType: string | undefined;
  let devices: string | undefined;
  try {
    const parts = parseMultipart(
      request.body,
      multipartBoundary(header(request.headers, "content-type")),
    );
    for (const part of parts) {
      if (part.name === "notification") {
        notification = part.body;
        notificationType = part.headers["content-type"];
      } else if (part.name === "devices") {
        devices = part.body.toString("utf8");
      }
    }
  } catch (error) {
    if (error instanceof MultipartError)
      return errorReply(400, `Malformed multipart body: ${error.message}.`);
    throw error;
  }
  if (notification === undefined || devices === undefined) {
    return errorReply(
      400,
      "Malformed multipart body: it needs a part named notification and a part named devices.",
    );
  }
  const send = validateSend(request.headers, notification, notificationType ?? "");
  if (isErrorReply(send)) return send;
  const formatError = directFormatError(send);
  if (formatError !== undefined) return formatError;
  const handles = readHandles(devices);
  if (typeof handles === "string") return errorReply(400, handles);
  return accepted(context, request, send, handles);
}
