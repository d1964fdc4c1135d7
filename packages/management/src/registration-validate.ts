import { InvalidArgumentError, PayloadValidationError } from "@nhub/core";
import { KIND_SPECS, kindSpec } from "./registration-kinds.js";
import type { AnyRegistration } from "./registration-types.js";
import { isServiceTime } from "./service-time.js";
import {
  describe,
  isRecord,
  optionalString,
  requireString,
  validateStringRecord,
  validateTags,
} from "./validate.js";
import { assertXmlText } from "./xml.js";

const KINDS = KIND_SPECS.map((spec) => spec.kind).join(", ");
const BASE = new Set(["ETag", "ExpirationTime", "RegistrationId", "Tags", "PushVariables"]);

/**
 * Checks a registration before it is sent; throws InvalidArgumentError (shape, channel),
 * TagExpressionError (tags) or PayloadValidationError (template, push variables).
 */
export function assertRegistration(
  value: unknown,
  operation: string,
): asserts value is AnyRegistration {
  if (!isRecord(value)) {
    throw new InvalidArgumentError(
      `${operation} needs a registration object such as { kind: "apple", deviceToken }.`,
    );
  }
  optionalString(value.registrationId, `${operation}: registrationId`);
  optionalString(value.etag, `${operation}: etag`);
  validateTags(value.tags, `${operation}: tags`);
  validateStringRecord(value.pushVariables, `${operation}: pushVariables`);
  if (value.kind === "unknown") {
    assertUnknown(value, operation);
    return;
  }
  const spec = typeof value.kind === "string" ? kindSpec(value.kind) : undefined;
  if (!spec) {
    throw new InvalidArgumentError(
      `${operation}: kind must be one of ${KINDS} (or "unknown"); got ${JSON.stringify(value.kind)}.`,
    );
  }
  for (const [field, , required] of spec.channel) {
    if (required)
      requireString(value[field], `${operation}: ${field} of a ${spec.kind} registration`);
    else optionalString(value[field], `${operation}: ${field}`);
  }
  if (spec.kind === "apple" && !/^[0-9A-Fa-f]+$/.test(value.deviceToken as string)) {
    throw new InvalidArgumentError(
      `${operation}: deviceToken must be the APNs device token in hexadecimal.`,
    );
  }
  if (value.messageType !== undefined) {
    if (spec.kind !== "baidu" || value.template === undefined) {
      throw new PayloadValidationError(
        `${operation}: messageType is only written for Baidu template registrations; remove it.`,
      );
    }
    optionalString(value.messageType, `${operation}: messageType`);
  }
  if (value.template !== undefined)
    assertTemplate(value.template, spec.kind, spec.headers !== undefined, operation);
}

function assertTemplate(
  template: unknown,
  kind: string,
  hasHeaders: boolean,
  operation: string,
): void {
  const where = `${operation}: template`;
  if (!isRecord(template))
    throw new PayloadValidationError(`${where} must be an object such as { body: "..." }.`);
  if (typeof template.body !== "string" || template.body.trim() === "") {
    throw new PayloadValidationError(
      `${where}.body must be the non-empty body template; got ${describe(template.body)}.`,
    );
  }
  assertXmlText(template.body, `${where}.body`);
  if (
    template.name !== undefined &&
    (typeof template.name !== "string" || template.name.trim() === "")
  ) {
    throw new PayloadValidationError(`${where}.name must be a non-empty string when given.`);
  }
  if (template.headers !== undefined) {
    if (!hasHeaders) {
      throw new PayloadValidationError(
        `${where}.headers is only supported for apple, windows and mpns registrations (${kind} has none).`,
      );
    }
    validateStringRecord(template.headers, `${where}.headers`);
  }
  if (template.expiry !== undefined) {
    if (kind !== "apple")
      throw new PayloadValidationError(
        `${where}.expiry is only supported for apple registrations.`,
      );
    const expiry = template.expiry;
    const ok =
      expiry instanceof Date
        ? !Number.isNaN(expiry.getTime())
        : typeof expiry === "string" &&
          (isServiceTime(expiry) || /^\$\(.+\)$|^\{.+\}$/.test(expiry.trim()));
    if (!ok) {
      throw new PayloadValidationError(
        `${where}.expiry must be a valid Date, an ISO-8601 date-time such as 2030-01-01T00:00:00Z, or an expression such as $(expiry).`,
      );
    }
  }
  if (template.priority !== undefined) {
    if (kind !== "apple")
      throw new PayloadValidationError(
        `${where}.priority is only supported for apple registrations.`,
      );
    if (
      !Number.isInteger(template.priority) ||
      (template.priority as number) < 0 ||
      (template.priority as number) > 10
    ) {
      throw new PayloadValidationError(
        `${where}.priority must be a whole number from 0 to 10 (APNs uses 10 and 5).`,
      );
    }
  }
}

function assertUnknown(value: Record<string, unknown>, operation: string): void {
  if (typeof value.elementName !== "string" || !/^[A-Za-z_][\w.-]*$/.test(value.elementName)) {
    throw new InvalidArgumentError(
      `${operation}: an "unknown" registration needs elementName, the XML element name.`,
    );
  }
  if (value.template !== undefined) {
    throw new InvalidArgumentError(
      `${operation}: an "unknown" registration keeps its template elements in fields.`,
    );
  }
  if (!isRecord(value.fields))
    throw new InvalidArgumentError(`${operation}: an "unknown" registration needs fields.`);
  for (const [name, item] of Object.entries(value.fields)) {
    if (!/^[A-Za-z_][\w.-]*$/.test(name) || BASE.has(name)) {
      throw new InvalidArgumentError(
        `${operation}: fields.${name} is not a platform element name.`,
      );
    }
    if (typeof item !== "string")
      throw new InvalidArgumentError(`${operation}: fields.${name} must be a string.`);
    assertXmlText(item, `${operation}: fields.${name}`);
  }
}
