import { InvalidArgumentError } from "@nhub/core";
import { BASE_ELEMENTS, type KindSpec, specForElement } from "./registration-kinds.js";
import type {
  AnyRegistration,
  RegistrationCommon,
  RegistrationTemplate,
} from "./registration-types.js";
import { parseServiceTime } from "./service-time.js";
import {
  child,
  childText,
  elements,
  isElement,
  isNil,
  METADATA_NS,
  parseXml,
  textOf,
  type XmlElement,
  XSI_NS,
} from "./xml.js";

/** Options of {@link parseRegistrationEntry}. */
export interface ParseRegistrationOptions {
  /** The response's `ETag` header, used when the entry carries no etag of its own. */
  etag?: string | undefined;
}

/**
 * Reads one registration from an Atom entry (or a bare description element). Accepts both the
 * `<AppleRegistrationDescription>` and the `<RegistrationDescription i:type="...">` forms, finds
 * elements by namespace and local name, and returns an element kind it does not know as an
 * {@link UnknownRegistration}. Tags are not validated. Throws InvalidArgumentError when the text is
 * not XML or holds no registration.
 */
export function parseRegistrationEntry(
  text: string,
  options: ParseRegistrationOptions = {},
): AnyRegistration {
  const root = parseXml(text, "an Atom entry holding a registration");
  if (root.localName === "entry") {
    const registration = registrationFromEntry(root, options.etag);
    if (registration) return registration;
    throw new InvalidArgumentError(
      "Expected an Atom entry holding a registration, but its <content> is empty.",
    );
  }
  if (root.localName?.endsWith("RegistrationDescription"))
    return registrationFromElement(root, options.etag);
  throw new InvalidArgumentError(
    `Expected an Atom entry holding a registration, got <${root.localName}>.`,
  );
}

/** Reads every registration of an Atom feed (a listing). Entries without content are skipped. */
export function parseRegistrationFeed(text: string): AnyRegistration[] {
  const root = parseXml(text, "an Atom feed of registrations");
  if (root.localName !== "feed") {
    throw new InvalidArgumentError(
      `Expected an Atom feed of registrations, got <${root.localName}>.`,
    );
  }
  const out: AnyRegistration[] = [];
  for (const entry of elements(root)) {
    if (!isElement(entry, "entry", root.namespaceURI)) continue;
    const registration = registrationFromEntry(entry, undefined);
    if (registration) out.push(registration);
  }
  return out;
}

function registrationFromEntry(
  entry: XmlElement,
  etagHeader: string | undefined,
): AnyRegistration | undefined {
  const content = child(entry, "content", entry.namespaceURI);
  const desc = content ? elements(content)[0] : undefined;
  if (!desc) return undefined;
  const attribute = entry.getAttributeNS(METADATA_NS, "etag") || undefined;
  return registrationFromElement(desc, attribute ?? etagHeader);
}

/** Strips `W/` and quotes: `W/"3"` gives `3`. */
export function bareEtag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const bare = value
    .trim()
    .replace(/^W\//, "")
    .replace(/^"(.*)"$/, "$1");
  return bare === "" ? undefined : bare;
}

function registrationFromElement(
  desc: XmlElement,
  etagFallback: string | undefined,
): AnyRegistration {
  let name = desc.localName ?? "";
  if (name === "RegistrationDescription") {
    const type = desc.getAttributeNS(XSI_NS, "type");
    if (type) name = type.slice(type.indexOf(":") + 1);
  }
  const ns = desc.namespaceURI;
  const common = readCommon(desc, etagFallback);
  const known = specForElement(name);
  if (!known) {
    const fields: Record<string, string> = {};
    for (const el of elements(desc)) {
      const local = el.localName ?? "";
      if (!(BASE_ELEMENTS as readonly string[]).includes(local) && !isNil(el))
        fields[local] = textOf(el);
    }
    return { kind: "unknown", elementName: name, ...common, fields };
  }
  const registration: Record<string, unknown> = { kind: known.spec.kind };
  for (const [field, element, required] of known.spec.channel) {
    const value = childText(desc, element, ns);
    if (value !== undefined) registration[field] = value.trim();
    else if (required) registration[field] = "";
  }
  Object.assign(registration, common);
  if (known.template) registration.template = readTemplate(desc, known.spec);
  if (known.template && known.spec.kind === "baidu") {
    const messageType = childText(desc, "MessageType", ns);
    if (messageType !== undefined) registration.messageType = messageType;
  }
  return registration as unknown as AnyRegistration;
}

function readCommon(
  desc: XmlElement,
  etagFallback: string | undefined,
): Omit<RegistrationCommon, "template"> {
  const ns = desc.namespaceURI;
  const common: Omit<RegistrationCommon, "template"> = {};
  const id = childText(desc, "RegistrationId", ns)?.trim();
  if (id) common.registrationId = id;
  const etag = childText(desc, "ETag", ns)?.trim() || bareEtag(etagFallback);
  if (etag) common.etag = etag;
  const expiration = parseServiceTime(childText(desc, "ExpirationTime", ns));
  if (expiration) common.expirationTime = expiration;
  const tags = childText(desc, "Tags", ns);
  if (tags !== undefined) {
    const list = tags
      .split(",")
      .map((tag) => tag.trim())
      .filter((tag) => tag !== "");
    if (list.length > 0) common.tags = list;
  }
  const variables = childText(desc, "PushVariables", ns);
  if (variables !== undefined && variables.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(variables);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
        common.pushVariables = Object.fromEntries(
          Object.entries(parsed).map(([k, v]) => [k, String(v)]),
        );
      }
    } catch {
      // not JSON: leave pushVariables out rather than fail the whole read
    }
  }
  return common;
}

function readTemplate(desc: XmlElement, spec: KindSpec): RegistrationTemplate {
  const ns = desc.namespaceURI;
  const template: RegistrationTemplate = { body: childText(desc, "BodyTemplate", ns) ?? "" };
  const name = childText(desc, "TemplateName", ns);
  if (name !== undefined) template.name = name;
  const expiry = childText(desc, "Expiry", ns)?.trim();
  if (expiry) template.expiry = parseServiceTime(expiry) ?? expiry;
  const priority = childText(desc, "Priority", ns)?.trim();
  if (priority && Number.isFinite(Number(priority))) template.priority = Number(priority);
  const collection = spec.headers ? child(desc, spec.headers.collection, ns) : undefined;
  if (collection) {
    const headers: Record<string, string> = {};
    for (const item of elements(collection)) {
      const header = childText(item, "Header", ns)?.trim();
      if (header) headers[header] = childText(item, "Value", ns)?.trim() ?? "";
    }
    if (Object.keys(headers).length > 0) template.headers = headers;
  }
  return template;
}
