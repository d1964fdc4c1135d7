import {
  InvalidArgumentError,
  PayloadValidationError,
  TagExpressionError,
  validateTag,
} from "@nhub/core";
import { assertXmlText } from "./xml.js";

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Throws InvalidArgumentError unless `value` is a non-empty string. */
export function requireString(value: unknown, field: string, hint = ""): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidArgumentError(
      `${field} must be a non-empty string${hint}; got ${describe(value)}.`,
    );
  }
  assertXmlText(value, field);
  return value;
}

/** Throws InvalidArgumentError unless `value` is undefined or a string. */
export function optionalString(value: unknown, field: string): void {
  if (value === undefined) return;
  if (typeof value !== "string")
    throw new InvalidArgumentError(`${field} must be a string; got ${describe(value)}.`);
  assertXmlText(value, field);
}

/**
 * Validates tags with core's rules (1 to 120 of `A-Z a-z 0-9 _ @ # . : -`). Input only: tags read
 * back from the service are never validated. System tags (`$InstallationId:{..}`, `$UserId:{..}`)
 * can be targeted but not set, so they are refused unless `allowSystem`.
 */
export function validateTags(tags: unknown, field: string, allowSystem = false): void {
  if (tags === undefined) return;
  if (!Array.isArray(tags)) {
    throw new TagExpressionError(
      `${field} must be an array of tag strings, such as ["sports", "city:paris"].`,
    );
  }
  for (const tag of tags) {
    if (typeof tag !== "string") {
      throw new TagExpressionError(`${field} must hold only strings; got ${describe(tag)}.`);
    }
    validateTag(tag);
    if (!allowSystem && tag.startsWith("$")) {
      throw new TagExpressionError(
        `${field}: ${tag} is a system tag; the service sets it, it cannot be set. Remove it.`,
      );
    }
  }
}

/** Throws PayloadValidationError unless `value` is undefined or a record of strings. */
export function validateStringRecord(value: unknown, field: string): void {
  if (value === undefined) return;
  if (!isRecord(value)) {
    throw new PayloadValidationError(
      `${field} must be an object of string values, such as { "name": "value" }.`,
    );
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.trim() === "")
      throw new PayloadValidationError(`${field} has an empty key; give every entry a name.`);
    if (typeof item !== "string") {
      throw new PayloadValidationError(`${field}.${key} must be a string; got ${describe(item)}.`);
    }
    assertXmlText(key, `${field} key`);
    assertXmlText(item, `${field}.${key}`);
  }
}

/** A short description of a value for error messages (never its full content). */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value === "" ? "an empty string" : "a string of blanks";
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}
