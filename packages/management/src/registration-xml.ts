import { elementName, kindSpec } from "./registration-kinds.js";
import type { AnyRegistration, Registration, RegistrationTemplate } from "./registration-types.js";
import { ATOM_NS, SB_NS, type XmlElement, XmlWriter, XSI_NS } from "./xml.js";

/** Options of {@link serializeRegistration}. */
export interface SerializeRegistrationOptions {
  /**
   * Also write the read-only parts (`ETag`, `ExpirationTime`, the entry's `<title>` and etag
   * attribute), as the service does in its answers. For emulators; never set it for requests.
   */
  includeReadOnly?: boolean;
}

const METADATA_NS = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";

/**
 * Writes a registration as the Atom entry the service expects (`application/atom+xml;type=entry`):
 * base elements first, then the platform's, in the order of the wire reference; `BodyTemplate` in
 * CDATA; `Expiry` in ISO-8601; no `ExpirationTime` or `ETag` unless `includeReadOnly`.
 * Does not validate: operations validate before calling it.
 */
export function serializeRegistration(
  registration: AnyRegistration,
  options: SerializeRegistrationOptions = {},
): string {
  const writer = new XmlWriter(ATOM_NS, "entry");
  appendEntryContent(writer, writer.root, registration, options);
  return writer.toString();
}

/** Writes several registrations as an Atom feed (what the service answers to a listing). */
export function serializeRegistrationFeed(
  registrations: readonly AnyRegistration[],
  options: SerializeRegistrationOptions = {},
): string {
  const writer = new XmlWriter(ATOM_NS, "feed");
  writer.element(writer.root, ATOM_NS, "title", "Registrations").setAttribute("type", "text");
  for (const registration of registrations) {
    const entry = writer.element(writer.root, ATOM_NS, "entry");
    appendEntryContent(writer, entry, registration, options);
  }
  return writer.toString();
}

function appendEntryContent(
  writer: XmlWriter,
  entry: XmlElement,
  registration: AnyRegistration,
  options: SerializeRegistrationOptions,
): void {
  const readOnly = options.includeReadOnly === true;
  if (readOnly && registration.etag !== undefined) {
    writer.declare(entry, "m", METADATA_NS);
    entry.setAttributeNS(METADATA_NS, "m:etag", `W/"${registration.etag}"`);
  }
  if (readOnly && registration.registrationId !== undefined) {
    writer
      .element(entry, ATOM_NS, "title", registration.registrationId)
      .setAttribute("type", "text");
  }
  const content = writer.element(entry, ATOM_NS, "content");
  content.setAttribute("type", "application/xml");
  const name =
    registration.kind === "unknown"
      ? registration.elementName
      : elementName(kindSpecOf(registration), registration.template !== undefined);
  const desc = writer.element(content, SB_NS, name);
  writer.declare(desc, "i", XSI_NS);
  if (readOnly && registration.etag !== undefined)
    writer.element(desc, SB_NS, "ETag", registration.etag);
  if (readOnly && registration.expirationTime !== undefined) {
    writer.element(desc, SB_NS, "ExpirationTime", registration.expirationTime.toISOString());
  }
  if (registration.registrationId !== undefined) {
    writer.element(desc, SB_NS, "RegistrationId", registration.registrationId);
  }
  if (registration.tags !== undefined && registration.tags.length > 0) {
    writer.element(desc, SB_NS, "Tags", registration.tags.join(","));
  }
  if (registration.pushVariables !== undefined) {
    writer.element(desc, SB_NS, "PushVariables", JSON.stringify(registration.pushVariables));
  }
  if (registration.kind === "unknown") {
    for (const [field, value] of Object.entries(registration.fields))
      writer.element(desc, SB_NS, field, value);
    return;
  }
  appendPlatform(writer, desc, registration);
}

function kindSpecOf(registration: Registration) {
  const spec = kindSpec(registration.kind);
  if (spec === undefined) throw new TypeError(`Unknown registration kind ${registration.kind}`);
  return spec;
}

function appendPlatform(writer: XmlWriter, desc: XmlElement, registration: Registration): void {
  const spec = kindSpecOf(registration);
  const fields = registration as unknown as Record<string, unknown>;
  for (const [field, element] of spec.channel) {
    const value = fields[field];
    if (typeof value === "string") writer.element(desc, SB_NS, element, value);
  }
  const template: RegistrationTemplate | undefined = registration.template;
  if (template === undefined) return;
  for (const element of spec.template) {
    switch (element) {
      case "BodyTemplate":
        writer.cdataElement(desc, SB_NS, "BodyTemplate", template.body);
        break;
      case "TemplateName":
        if (template.name !== undefined) writer.element(desc, SB_NS, "TemplateName", template.name);
        break;
      case "Expiry":
        if (template.expiry !== undefined) {
          const text =
            template.expiry instanceof Date ? template.expiry.toISOString() : template.expiry;
          writer.element(desc, SB_NS, "Expiry", text);
        }
        break;
      case "Priority":
        if (template.priority !== undefined)
          writer.element(desc, SB_NS, "Priority", String(template.priority));
        break;
      case "MessageType":
        if (registration.kind === "baidu" && registration.messageType !== undefined) {
          writer.element(desc, SB_NS, "MessageType", registration.messageType);
        }
        break;
      case "Headers":
        if (spec.headers && template.headers && Object.keys(template.headers).length > 0) {
          const collection = writer.element(desc, SB_NS, spec.headers.collection);
          for (const [header, value] of Object.entries(template.headers)) {
            const item = writer.element(collection, SB_NS, spec.headers.item);
            writer.element(item, SB_NS, "Header", header);
            writer.element(item, SB_NS, "Value", value);
          }
        }
        break;
    }
  }
}
