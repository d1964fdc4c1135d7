import type { AnyRegistration } from "@nhub/management";
import { registrationChannel } from "./registration-targets.js";

/** One `Field eq 'value'` of a `$filter`. */
export interface FilterCondition {
  field: string;
  value: string;
}

/** Fields a `$filter` may compare, by lower-case name, to their canonical spelling. */
const FIELDS = new Map(
  [
    "ChannelUri",
    "DeviceToken",
    "GcmRegistrationId",
    "FcmV1RegistrationId",
    "AdmRegistrationId",
    "BaiduChannelId",
    "BaiduUserId",
    "Endpoint",
    "XiaomiRegistrationId",
  ].map((name) => [name.toLowerCase(), name]),
);

const TOKEN = /\s*(?:('(?:[^']|'')*')|([A-Za-z][A-Za-z0-9]*))/y;

/**
 * Parses the `$filter` of `GET registrations`: `Field eq 'literal'` conditions joined with `and`
 * (OData string literals, a doubled `'` standing for one). Field names and keywords compare
 * case-insensitively. Returns an error message instead when the text is not such a filter.
 */
export function parseRegistrationFilter(text: string): FilterCondition[] | string {
  const tokens: { literal?: string; word?: string }[] = [];
  TOKEN.lastIndex = 0;
  let index = 0;
  while (index < text.length) {
    if (text.slice(index).trim() === "") break;
    TOKEN.lastIndex = index;
    const match = TOKEN.exec(text);
    if (match === null) {
      return `The $filter '${text}' is not valid at position ${index}: expected Field eq 'value' [and ...].`;
    }
    index = TOKEN.lastIndex;
    if (match[1] !== undefined)
      tokens.push({ literal: match[1].slice(1, -1).replaceAll("''", "'") });
    else tokens.push({ word: match[2] });
  }
  const conditions: FilterCondition[] = [];
  for (let i = 0; i < tokens.length; i += 4) {
    const [name, eq, value, and] = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
    const field = name?.word === undefined ? undefined : FIELDS.get(name.word.toLowerCase());
    if (field === undefined) {
      return `The $filter field '${name?.word ?? name?.literal ?? ""}' is not supported; use one of ${[...FIELDS.values()].join(", ")}.`;
    }
    if (eq?.word?.toLowerCase() !== "eq" || value?.literal === undefined) {
      return `The $filter must compare ${field} with eq and a quoted string, such as ${field} eq 'value'.`;
    }
    if (and !== undefined && and.word?.toLowerCase() !== "and") {
      return "The $filter may only join conditions with 'and'.";
    }
    if (and !== undefined && tokens[i + 4] === undefined) {
      return "The $filter ends with 'and'; add a condition after it.";
    }
    conditions.push({ field, value: value.literal });
  }
  if (conditions.length === 0) return "The $filter is empty.";
  return conditions;
}

function fieldValue(registration: AnyRegistration, field: string): string | undefined {
  if (registration.kind === "unknown") return registration.fields[field];
  const r = registration as unknown as Record<string, unknown>;
  const key = field.charAt(0).toLowerCase() + field.slice(1);
  const value = r[key];
  return typeof value === "string" ? value : undefined;
}

function conditionMatches(
  registration: AnyRegistration,
  { field, value }: FilterCondition,
): boolean {
  if (field === "DeviceToken") {
    return (
      registration.kind === "apple" &&
      registration.deviceToken.toUpperCase() === value.toUpperCase()
    );
  }
  if (field === "ChannelUri" && registration.kind !== "unknown") {
    // The service treats ChannelUri as the generic handle: it also finds Apple tokens, GCM ids...
    if (registration.kind === "apple")
      return registration.deviceToken.toUpperCase() === value.toUpperCase();
    if (registration.kind === "baidu") return registration.baiduChannelId === value;
    return registrationChannel(registration) === value;
  }
  return fieldValue(registration, field) === value;
}

/** True when the registration satisfies every condition. */
export function filterMatches(
  registration: AnyRegistration,
  conditions: readonly FilterCondition[],
): boolean {
  return conditions.every((condition) => conditionMatches(registration, condition));
}
