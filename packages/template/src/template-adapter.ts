import type { NotificationAdapter, PreparedNotification, SendOptions } from "@nhub/core";
import { byteLength, refuse, show } from "./template-error.js";

/** Template properties: a flat object whose values the hub substitutes into each device's template. */
export type TemplateProperties = Record<string, string | number | boolean>;

/** A template payload: the properties, or their JSON text. */
export type TemplatePayload = TemplateProperties | string;

/** Options of a template send: core's send options (the template format has none of its own). */
export type TemplateSendOptions = SendOptions;

/** The adapter returned by {@link template}. */
export type TemplateAdapter = NotificationAdapter<TemplatePayload, TemplateSendOptions>;

/** The largest body the hub accepts, in bytes (64 KB). */
export const TEMPLATE_MAX_BYTES = 65536;

/**
 * Creates the adapter for the `template` format: the hub renders each matching device's
 * template with these properties (`$(name)` in the template is the property `name`).
 *
 * Rules: the payload is a flat object (a string must parse to one); string values pass as they
 * are, finite numbers and booleans become strings, anything else (objects, arrays, `null`,
 * `undefined`, `NaN`, `Infinity`) is refused naming the property. Property names must not be
 * empty, nor differ only in case (the hub matches names case-insensitively). At most 64 KB.
 * A string payload whose values are all strings is sent byte for byte as given. Tags come from
 * the send options, as for every format.
 *
 * @example
 * ```ts
 * await client.send(template(), { News_English: "Hello", News_French: "Bonjour" }, { tags: "world" });
 * ```
 */
export function template(): TemplateAdapter {
  return Object.freeze({
    specificationVersion: "v1",
    format: "template",
    name: "@nhub/template",
    prepare(payload: TemplatePayload): PreparedNotification {
      let properties: unknown = payload;
      if (typeof payload === "string") {
        try {
          properties = JSON.parse(payload);
        } catch {
          refuse(
            "a string payload must be the JSON text of an object of properties; it is not valid JSON",
          );
        }
      }
      if (
        typeof properties !== "object" ||
        properties === null ||
        ![Object.prototype, null].includes(Object.getPrototypeOf(properties))
      ) {
        refuse(`the payload must be a flat object of properties; got ${show(properties)}`);
      }
      const flat: Record<string, string> = {};
      const names = new Map<string, string>();
      let converted = false;
      for (const [name, value] of Object.entries(properties)) {
        if (name === "") refuse("property names must not be empty");
        const twin = names.get(name.toLowerCase());
        if (twin !== undefined) {
          refuse(
            `properties ${show(twin)} and ${show(name)} differ only in case; the hub matches names case-insensitively`,
          );
        }
        names.set(name.toLowerCase(), name);
        if (typeof value === "string") flat[name] = value;
        else if (
          (typeof value === "number" && Number.isFinite(value)) ||
          typeof value === "boolean"
        ) {
          flat[name] = String(value);
          converted = true;
        } else {
          refuse(
            `property ${show(name)} must be a string, a finite number or a boolean; got ${show(value)}`,
          );
        }
      }
      const body = typeof payload === "string" && !converted ? payload : JSON.stringify(flat);
      const size = byteLength(body);
      if (size > TEMPLATE_MAX_BYTES)
        refuse(`the body is ${size} bytes; the hub accepts at most ${TEMPLATE_MAX_BYTES}`);
      return { body, contentType: "application/json;charset=utf-8" };
    },
  });
}
