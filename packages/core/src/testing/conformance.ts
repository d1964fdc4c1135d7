import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { type AnyNotificationAdapter, assertAdapter } from "../adapter.js";
import { PayloadValidationError } from "../errors.js";

/** One sample payload for {@link describeAdapterConformance}, with the send options to use. */
export interface ConformanceCase<P = unknown, O = Record<string, unknown>> {
  /** Shown in the test name. Default: the case's position. */
  name?: string;
  /** The payload given to `prepare`. Must be plain data (`structuredClone` must copy it). */
  payload: P;
  /** The options given to `prepare`. Default `{}`, as the client passes. */
  options?: O;
}

/** The sample payloads of a conformance run: some the adapter accepts, some it refuses. */
export interface ConformanceCases {
  /** Payloads `prepare` must accept. At least one. */
  valid: ConformanceCase[];
  /** Payloads `prepare` must refuse with a `PayloadValidationError`. At least one. */
  invalid: ConformanceCase[];
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const LINE_BREAK = /[\r\n\0]/;

/**
 * Registers a vitest `describe` block that holds `adapter` to the adapter contract: it passes
 * `assertAdapter`, is `"v1"` with a non-empty format; for every valid case `prepare` returns a
 * string or `Uint8Array` body, a non-empty content type and string headers, is deterministic and
 * leaves the payload and options untouched; for every invalid case it throws a
 * `PayloadValidationError` (code `INVALID_PAYLOAD`) whose message contains the adapter's `name`.
 *
 * Call it at the top level of a test file (vitest must be installed).
 *
 * @example
 * ```ts
 * import { describeAdapterConformance } from "@nhub/core/testing";
 * describeAdapterConformance(myAdapter(), {
 *   valid: [{ name: "simple", payload: { title: "hi" } }],
 *   invalid: [{ name: "not an object", payload: 42 }],
 * });
 * ```
 */
export function describeAdapterConformance(
  adapter: AnyNotificationAdapter,
  cases: ConformanceCases,
): void {
  const label = describeAdapter(adapter);
  describe(`adapter conformance: ${label}`, () => {
    it("satisfies the v1 adapter contract", () => {
      expect(checkAdapter(adapter)).toEqual([]);
    });
    it("has at least one valid and one invalid case", () => {
      expect(checkCases(cases)).toEqual([]);
    });
    (cases?.valid ?? []).forEach((sample, index) => {
      it(`accepts valid case ${caseName(sample, index)}`, () => {
        expect(checkValidCase(adapter, sample)).toEqual([]);
      });
    });
    (cases?.invalid ?? []).forEach((sample, index) => {
      it(`refuses invalid case ${caseName(sample, index)}`, () => {
        expect(checkInvalidCase(adapter, sample)).toEqual([]);
      });
    });
  });
}

/** Problems with the adapter object itself (empty when it satisfies the v1 contract). */
export function checkAdapter(adapter: unknown): string[] {
  const problems: string[] = [];
  try {
    assertAdapter(adapter);
  } catch (error) {
    problems.push(`assertAdapter refused it: ${messageOf(error)}`);
    return problems;
  }
  const { name } = adapter as AnyNotificationAdapter;
  if (name !== undefined && (typeof name !== "string" || name.length === 0)) {
    problems.push(`name must be a non-empty string when given; got ${show(name)}`);
  }
  return problems;
}

/** Problems with the cases given to the kit (empty when there is at least one of each). */
export function checkCases(cases: unknown): string[] {
  const problems: string[] = [];
  const { valid, invalid } = (cases ?? {}) as Partial<ConformanceCases>;
  if (!Array.isArray(valid) || valid.length === 0) problems.push("give at least one valid case");
  if (!Array.isArray(invalid) || invalid.length === 0) {
    problems.push("give at least one invalid case");
  }
  return problems;
}

/** Problems with what `prepare` returned (empty for a well-formed `PreparedNotification`). */
export function checkPrepared(prepared: unknown): string[] {
  if (typeof prepared !== "object" || prepared === null) {
    return [`prepare must return { body, contentType, headers? }; got ${show(prepared)}`];
  }
  const problems: string[] = [];
  const { body, contentType, headers } = prepared as Record<string, unknown>;
  if (typeof body !== "string" && !(body instanceof Uint8Array)) {
    problems.push(`body must be a string or a Uint8Array; got ${show(body)}`);
  }
  if (typeof contentType !== "string" || contentType.trim().length === 0) {
    problems.push(`contentType must be a non-empty string; got ${show(contentType)}`);
  } else if (LINE_BREAK.test(contentType)) {
    problems.push(`contentType must not contain a line break; got ${show(contentType)}`);
  }
  if (headers === undefined) return problems;
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    problems.push(`headers must be an object of strings when given; got ${show(headers)}`);
    return problems;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (!TOKEN.test(key)) problems.push(`header name ${show(key)} is not a valid HTTP token`);
    if (typeof value !== "string") {
      problems.push(`header ${key} must be a string; got ${show(value)}`);
    } else if (LINE_BREAK.test(value)) {
      problems.push(`header ${key} must not contain a line break; got ${show(value)}`);
    }
  }
  return problems;
}

/**
 * Problems with one accepted case: `prepare` must not throw, must return a well-formed result
 * (see {@link checkPrepared}), return an equal result when called again, and leave the payload
 * and options as they were.
 */
export function checkValidCase(adapter: AnyNotificationAdapter, sample: ConformanceCase): string[] {
  const options = sample.options ?? {};
  let payloadBefore: unknown;
  let optionsBefore: unknown;
  try {
    payloadBefore = structuredClone(sample.payload);
    optionsBefore = structuredClone(options);
  } catch (error) {
    return [`the case must be plain data that structuredClone can copy: ${messageOf(error)}`];
  }
  let first: unknown;
  let second: unknown;
  try {
    first = adapter.prepare(sample.payload, options);
    second = adapter.prepare(sample.payload, options);
  } catch (error) {
    return [`prepare threw on a valid case: ${messageOf(error)}`];
  }
  const problems = checkPrepared(first);
  if (!isDeepStrictEqual(first, second)) {
    problems.push("prepare is not deterministic: two calls with the same input differ");
  }
  if (!isDeepStrictEqual(sample.payload, payloadBefore)) {
    problems.push("prepare changed the payload it was given");
  }
  if (!isDeepStrictEqual(options, optionsBefore)) {
    problems.push("prepare changed the options it was given");
  }
  return problems;
}

/**
 * Problems with one refused case: `prepare` must throw a `PayloadValidationError` (code
 * `INVALID_PAYLOAD`) whose message contains the adapter's `name` when it has one.
 */
export function checkInvalidCase(
  adapter: AnyNotificationAdapter,
  sample: ConformanceCase,
): string[] {
  let error: unknown;
  try {
    adapter.prepare(sample.payload, sample.options ?? {});
  } catch (thrown) {
    error = thrown;
  }
  if (error === undefined) return ["prepare accepted an invalid case instead of throwing"];
  if (!PayloadValidationError.isInstance(error)) {
    return [`prepare must throw a PayloadValidationError; threw ${describeError(error)}`];
  }
  const problems: string[] = [];
  if (error.code !== "INVALID_PAYLOAD") {
    problems.push(`the error code must be INVALID_PAYLOAD; got ${show(error.code)}`);
  }
  const { name } = adapter;
  if (typeof name === "string" && name.length > 0 && !error.message.includes(name)) {
    problems.push(`the error message must name the adapter (${name}); got ${show(error.message)}`);
  }
  return problems;
}

function caseName(sample: ConformanceCase, index: number): string {
  return sample?.name ? `"${sample.name}"` : `#${index + 1}`;
}

function describeAdapter(adapter: AnyNotificationAdapter): string {
  if (typeof adapter?.name === "string" && adapter.name) return adapter.name;
  if (typeof adapter?.format === "string") return `format "${adapter.format}"`;
  return "(not an adapter)";
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return show(error);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function show(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  }
  if (value === null || (typeof value !== "object" && typeof value !== "function")) {
    return String(value);
  }
  if (typeof value === "function") return "a function";
  return Array.isArray(value) ? "an array" : `an object (${value.constructor?.name ?? "null"})`;
}
