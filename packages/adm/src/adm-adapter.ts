import type { NotificationAdapter, PreparedNotification, SendOptions } from "@nhub/core";
import { refuse, show } from "./adm-error.js";
import { isObject, readJson } from "./adm-json.js";

/** An Amazon Device Messaging (ADM) message. */
export interface AdmPayload {
  /** The key-value pairs delivered to the app; every value must be a string. */
  data: Record<string, string>;
  /** Messages with the same key replace each other while the device is offline. */
  consolidationKey?: string;
  /** How long ADM keeps the message for an offline device, in whole seconds (ADM's default: a week). */
  expiresAfter?: number;
  /** Base64 MD5 of the data, checked by ADM when present. */
  md5?: string;
}

/** The adapter returned by {@link adm}. Payloads are objects or JSON text. */
export type AdmAdapter = NotificationAdapter<AdmPayload | string, SendOptions>;

/**
 * Creates the adapter for the `adm` format (Amazon Device Messaging).
 *
 * Takes the ADM message as an object or JSON text (sent unchanged), sent as `application/json`.
 * Requires `data` with string values; `consolidationKey` must be a string and `expiresAfter` a
 * positive whole number of seconds.
 *
 * @example
 * ```ts
 * await client.send(adm(), { data: { title: "Goal!" }, consolidationKey: "score" });
 * ```
 */
export function adm(): AdmAdapter {
  return Object.freeze({
    specificationVersion: "v1",
    format: "adm",
    name: "@nhub/adm",
    prepare(payload: AdmPayload | string): PreparedNotification {
      const { text, value } = readJson(payload);
      const { data, consolidationKey, expiresAfter } = value;
      if (data === undefined) refuse("the payload needs a data object of strings, got none");
      if (!isObject(data)) refuse(`data must be an object of strings, got ${show(data)}`);
      for (const [key, item] of Object.entries(data)) {
        if (typeof item !== "string") refuse(`data.${key} must be a string, got ${show(item)}`);
      }
      if (consolidationKey !== undefined && typeof consolidationKey !== "string") {
        refuse(`consolidationKey must be a string, got ${show(consolidationKey)}`);
      }
      if (
        expiresAfter !== undefined &&
        (!Number.isSafeInteger(expiresAfter) || (expiresAfter as number) < 1)
      ) {
        refuse(
          `expiresAfter must be a positive whole number of seconds, got ${show(expiresAfter)}`,
        );
      }
      return { body: text, contentType: "application/json" };
    },
  });
}
