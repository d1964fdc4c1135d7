import { InvalidAdapterError } from "./errors.js";

/** The version of the adapter contract this release of `@nhub/core` implements. */
export const ADAPTER_SPECIFICATION_VERSION = "v1";

/** What an adapter produces for one send: the exact bytes and headers that go on the wire. */
export interface PreparedNotification {
  /** The request body, already serialized. A string is sent as UTF-8. */
  body: string | Uint8Array;
  /** The `Content-Type` of the body, for example `application/json;charset=utf-8`. */
  contentType: string;
  /** Platform headers to add to the request (`X-WNS-Type`, `apns-priority`, ...). */
  headers?: Record<string, string>;
}

/**
 * The adapter contract, version 1. An adapter is a plain object that turns a platform payload
 * into a {@link PreparedNotification}, or throws a `PayloadValidationError` naming the rule
 * that was broken. `prepare` must be pure: same input, same output, no I/O.
 *
 * @typeParam TPayload - what callers pass as the payload.
 * @typeParam TOptions - the platform's own per-send options (they arrive merged with core's send
 *   options; ignore keys you do not know).
 */
export interface NotificationAdapter<TPayload = unknown, TOptions = Record<string, unknown>> {
  /** Always `"v1"` for this contract. */
  readonly specificationVersion: "v1";
  /** The `ServiceBusNotification-Format` value, for example `windows` or `apple`. */
  readonly format: string;
  /** Where the adapter comes from, used in error messages (for example `@nhub/wns`). */
  readonly name?: string;
  /** Validates and serializes one payload. Throws `PayloadValidationError` on bad input. */
  prepare(payload: TPayload, options: TOptions): PreparedNotification;
}

/** Any adapter, whatever its payload and option types. */
// biome-ignore lint/suspicious/noExplicitAny: the widest adapter type must accept every payload type.
export type AnyNotificationAdapter = NotificationAdapter<any, any>;

/** The payload type an adapter accepts. */
export type AdapterPayload<A> = A extends NotificationAdapter<infer P, infer _O> ? P : unknown;
/** The per-send option type an adapter accepts. */
export type AdapterOptions<A> =
  A extends NotificationAdapter<unknown, infer O> ? O : Record<string, unknown>;

/**
 * Checks that a value satisfies the adapter contract and returns it typed.
 * Throws `InvalidAdapterError` (code `INVALID_ADAPTER`) naming what is wrong.
 */
export function assertAdapter(value: unknown): AnyNotificationAdapter {
  if (typeof value !== "object" || value === null) {
    throw new InvalidAdapterError(
      "An adapter must be an object with specificationVersion, format and prepare.",
    );
  }
  const adapter = value as Record<string, unknown>;
  if (adapter.specificationVersion !== ADAPTER_SPECIFICATION_VERSION) {
    throw new InvalidAdapterError(
      `Adapter ${describe(adapter)} has specificationVersion ${JSON.stringify(adapter.specificationVersion)}; this @nhub/core supports "v1". Upgrade @nhub/core or use an adapter built for v1.`,
    );
  }
  if (typeof adapter.format !== "string" || adapter.format.length === 0) {
    throw new InvalidAdapterError(
      `Adapter ${describe(adapter)} needs a non-empty string "format".`,
    );
  }
  if (typeof adapter.prepare !== "function") {
    throw new InvalidAdapterError(
      `Adapter ${describe(adapter)} needs a "prepare(payload, options)" function.`,
    );
  }
  return value as AnyNotificationAdapter;
}

function describe(adapter: Record<string, unknown>): string {
  if (typeof adapter.name === "string") return adapter.name;
  if (typeof adapter.format === "string") return `for format "${adapter.format}"`;
  return "(unnamed)";
}
