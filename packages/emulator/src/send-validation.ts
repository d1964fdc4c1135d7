import type { IncomingHttpHeaders } from "node:http";
import { errorReply, type Reply } from "./service-reply.js";
import { type TemplateProperties, templateProperties } from "./template-renderer.js";

/** Largest notification body the service accepts, in bytes. */
export const MAX_BODY_BYTES = 65_536;

/** Every `ServiceBusNotification-Format` value of the wire reference. */
export const FORMATS: readonly string[] = [
  "apple",
  "gcm",
  "fcmv1",
  "windows",
  "windowsphone",
  "adm",
  "baidu",
  "template",
  "browser",
  "xiaomi",
];

const WNS_TYPES = ["wns/toast", "wns/tile", "wns/badge", "wns/raw"];

/** A send that passed every check. */
export interface ValidSend {
  format: string;
  /** The body as UTF-8 text (best effort: invalid bytes become U+FFFD). */
  text: string;
  /** The body exactly as sent. */
  bytes: Buffer;
  /** `content-type` and the platform's own headers (lower-case names) that go to the PNS. */
  pnsHeaders: Record<string, string>;
  /** For a template send: the properties. */
  properties?: TemplateProperties;
}

/** Reads one request header as a string (repeated headers joined). */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function isPlatformHeader(format: string, name: string): boolean {
  switch (format) {
    case "apple":
      return name.startsWith("apns-") || name === "servicebusnotification-apns-expiry";
    case "windows":
      return name.startsWith("x-wns-");
    case "windowsphone":
      return name === "x-windowsphone-target" || name === "x-notificationclass";
    case "baidu":
      return name === "x-baidu-message-type";
    default:
      return false;
  }
}

/** The local name of an XML document's root element, skipping a declaration, comments and DOCTYPE. */
export function xmlRootName(text: string): string | undefined {
  let rest = text.replace(/^\uFEFF/, "");
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith("<?")) rest = rest.slice(rest.indexOf("?>") + 2 || rest.length);
    else if (rest.startsWith("<!--")) rest = rest.slice(rest.indexOf("-->") + 3 || rest.length);
    else if (rest.startsWith("<!")) rest = rest.slice(rest.indexOf(">") + 1 || rest.length);
    else break;
  }
  const match = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(rest);
  return match?.[2];
}

function bad(detail: string): Reply {
  return errorReply(400, detail);
}

function checkWindows(headers: IncomingHttpHeaders, type: string, text: string): Reply | undefined {
  const wnsType = header(headers, "x-wns-type")?.trim().toLowerCase();
  if (wnsType === undefined || wnsType === "") {
    return bad(
      "The X-WNS-Type header is required for windows notifications (wns/toast, wns/tile, wns/badge or wns/raw).",
    );
  }
  if (!WNS_TYPES.includes(wnsType)) {
    return bad(
      `The X-WNS-Type header '${wnsType}' is invalid; use wns/toast, wns/tile, wns/badge or wns/raw.`,
    );
  }
  if (wnsType === "wns/raw") {
    return type === "application/octet-stream"
      ? undefined
      : bad("A wns/raw notification must have Content-Type application/octet-stream.");
  }
  if (type !== "application/xml") {
    return bad(`A ${wnsType} notification must have Content-Type application/xml.`);
  }
  const root = xmlRootName(text);
  const expected = wnsType.slice(4);
  if (root !== expected) {
    return bad(
      `The X-WNS-Type header is ${wnsType} but the payload's root element is '${root ?? "(none)"}'; expected <${expected}>.`,
    );
  }
  return undefined;
}

function checkWindowsPhone(headers: IncomingHttpHeaders, type: string): Reply | undefined {
  const notificationClass = header(headers, "x-notificationclass")?.trim();
  if (notificationClass === undefined || !/^\d+$/.test(notificationClass)) {
    return bad(
      "The X-NotificationClass header is required for windowsphone notifications (2 toast, 1 tile, 3 raw).",
    );
  }
  const raw = notificationClass.endsWith("3");
  if (!raw && type !== "application/xml" && type !== "text/xml") {
    return bad("A windowsphone toast or tile notification must have Content-Type application/xml.");
  }
  return undefined;
}

function checkTemplate(value: unknown): Map<string, string> | Reply {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return bad("A template notification body must be a JSON object of string properties.");
  }
  for (const [name, item] of Object.entries(value)) {
    if (item !== null && typeof item === "object") {
      return bad(
        `Template property '${name}' must be a string; template properties are a flat JSON object.`,
      );
    }
  }
  return templateProperties(value as Record<string, unknown>);
}

function checkFcmV1(value: unknown): Reply | undefined {
  const message = (value as { message?: unknown } | null)?.message;
  if (message === null || typeof message !== "object" || Array.isArray(message)) {
    return bad('An fcmv1 notification body must be {"message": {...}}.');
  }
  if ("token" in message || "topic" in message || "condition" in message) {
    return bad(
      "An fcmv1 notification must not name a token, topic or condition: the hub adds each device's token.",
    );
  }
  return undefined;
}

/**
 * Checks a send the way the service does: the format header, the body size, the content type
 * of the format, its required platform headers and its body.
 */
export function validateSend(
  headers: IncomingHttpHeaders,
  body: Buffer,
  contentType?: string,
): ValidSend | Reply {
  const format = header(headers, "servicebusnotification-format")?.trim().toLowerCase();
  if (format === undefined || format === "") {
    return bad(
      `The ServiceBusNotification-Format header is required; use one of ${FORMATS.join(", ")}.`,
    );
  }
  if (!FORMATS.includes(format)) {
    return bad(
      `The ServiceBusNotification-Format '${format}' is not supported; use one of ${FORMATS.join(", ")}.`,
    );
  }
  if (body.length > MAX_BODY_BYTES) {
    return errorReply(
      413,
      `The notification is ${body.length} bytes; the limit is ${MAX_BODY_BYTES} bytes.`,
    );
  }
  const actualType = contentType ?? header(headers, "content-type");
  const type = mediaType(actualType);
  if (type === "") return bad("The Content-Type header is required.");
  const text = body.toString("utf8");
  const valid: ValidSend = {
    format,
    text,
    bytes: body,
    pnsHeaders: { "content-type": actualType ?? "" },
  };
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && isPlatformHeader(format, name)) {
      valid.pnsHeaders[name] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  if (format === "windows") return checkWindows(headers, type, text) ?? valid;
  if (format === "windowsphone") return checkWindowsPhone(headers, type) ?? valid;
  if (format === "baidu" && type === "application/x-www-form-urlencoded") return valid;
  if (type !== "application/json") {
    return bad(`A ${format} notification must have Content-Type application/json, not '${type}'.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return bad(`The ${format} notification body is not valid JSON.`);
  }
  if (format === "fcmv1") return checkFcmV1(parsed) ?? valid;
  if (format === "template") {
    const properties = checkTemplate(parsed);
    if ("status" in properties) return properties;
    valid.properties = properties;
  }
  return valid;
}

/** True when `value` is an error reply rather than a valid send. */
export function isErrorReply(value: ValidSend | Reply): value is Reply {
  return "status" in value;
}
