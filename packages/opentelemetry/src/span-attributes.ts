import type { NhubOperationMessage, NhubRequestMessage, NhubTraceFields } from "@nhub/core";
import type { Attributes } from "@opentelemetry/api";

/** Channel names, the same strings as `@nhub/core`'s `OPERATION_CHANNEL` and `REQUEST_CHANNEL`. */
export const OPERATION_CHANNEL = "nhub:operation";
/** See {@link OPERATION_CHANNEL}. */
export const REQUEST_CHANNEL = "nhub:request";
/** The same string as `@nhub/core`'s `THROTTLE_CHANNEL`: one message per throttled wait. */
export const THROTTLE_CHANNEL = "nhub:throttle";

const HTTP_METHOD = /^(GET|POST|PUT|PATCH|DELETE|HEAD) /;

/**
 * The operation span's name: `nhub send`, `nhub batch send`, `nhub scheduled send`, ... and
 * `nhub request` for `client.request` calls (whose operation names hold ids).
 */
export function operationSpanName(message: NhubOperationMessage): string {
  return HTTP_METHOD.test(message.operation)
    ? "nhub request"
    : `nhub ${message.operation.toLowerCase()}`;
}

/** `nhub.*` attributes shared by both spans, set when known. */
export function nhubAttributes(message: NhubTraceFields): Attributes {
  const attributes: Attributes = {
    "nhub.operation": message.operation,
    "nhub.hub": message.hub,
  };
  if (message.format !== undefined) attributes["nhub.format"] = message.format;
  return attributes;
}

/** Attributes known once the operation or attempt ended. */
export function resultAttributes(message: NhubTraceFields): Attributes {
  const attributes: Attributes = {};
  if (message.trackingId) attributes["nhub.tracking_id"] = message.trackingId;
  if (message.notificationId) attributes["nhub.notification_id"] = message.notificationId;
  return attributes;
}

/** HTTP client semantic-convention attributes of an attempt known at its start. */
export function requestStartAttributes(message: NhubRequestMessage): Attributes {
  const attributes: Attributes = {
    "http.request.method": message.method,
    "server.address": message.serverAddress,
    "server.port": message.serverPort,
    "url.full": message.url,
    ...nhubAttributes(message),
  };
  if (message.attempt > 0) attributes["http.request.resend_count"] = message.attempt;
  return attributes;
}

/**
 * `error.type` per the HTTP conventions: the status code for a 4xx/5xx answer, else the nhub
 * error `code` (`NETWORK_ERROR`, `TIMEOUT`, ...), else undefined (success).
 */
export function errorType(message: NhubTraceFields): string | undefined {
  if (message.status !== undefined && message.status >= 400) return String(message.status);
  if (message.error !== undefined) return message.errorCode ?? "_OTHER";
  return undefined;
}

/** Attributes of one `http.client.request.duration` measurement. */
export function durationAttributes(message: NhubRequestMessage): Attributes {
  const attributes: Attributes = {
    "http.request.method": message.method,
    "server.address": message.serverAddress,
    "server.port": message.serverPort,
  };
  if (message.status !== undefined) attributes["http.response.status_code"] = message.status;
  const type = errorType(message);
  if (type !== undefined) attributes["error.type"] = type;
  return attributes;
}
