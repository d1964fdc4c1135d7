import type { RegistrationKind } from "./registration-types.js";

/** Template elements a kind writes after its channel elements, in wire order. */
export type TemplateElement =
  | "BodyTemplate"
  | "Expiry"
  | "TemplateName"
  | "Priority"
  | "Headers"
  | "MessageType";

/** How one registration kind looks on the wire. */
export interface KindSpec {
  kind: RegistrationKind;
  /** Element name prefix: `Apple` gives `AppleRegistrationDescription`. */
  prefix: string;
  /** Channel fields in wire order: [field, element, required]. */
  channel: readonly (readonly [string, string, boolean])[];
  /** Template elements in wire order. */
  template: readonly TemplateElement[];
  /** Header collection element names, for kinds whose templates carry headers. */
  headers?: { collection: string; item: string };
}

const simple = (
  kind: RegistrationKind,
  prefix: string,
  field: string,
  element: string,
): KindSpec => ({
  kind,
  prefix,
  channel: [[field, element, true]],
  template: ["BodyTemplate", "TemplateName"],
});

/** Every kind nhub knows, in the order of the wire reference. */
export const KIND_SPECS: readonly KindSpec[] = [
  {
    kind: "windows",
    prefix: "Windows",
    channel: [
      ["channelUri", "ChannelUri", true],
      ["secondaryTileName", "SecondaryTileName", false],
    ],
    template: ["BodyTemplate", "Headers", "TemplateName"],
    headers: { collection: "WnsHeaders", item: "WnsHeader" },
  },
  {
    kind: "apple",
    prefix: "Apple",
    channel: [["deviceToken", "DeviceToken", true]],
    template: ["BodyTemplate", "Expiry", "TemplateName", "Priority", "Headers"],
    headers: { collection: "ApnsHeaders", item: "ApnsHeader" },
  },
  simple("gcm", "Gcm", "gcmRegistrationId", "GcmRegistrationId"),
  simple("fcmv1", "FcmV1", "fcmV1RegistrationId", "FcmV1RegistrationId"),
  {
    kind: "mpns",
    prefix: "Mpns",
    channel: [
      ["channelUri", "ChannelUri", true],
      ["secondaryTileName", "SecondaryTileName", false],
    ],
    template: ["BodyTemplate", "Headers", "TemplateName"],
    headers: { collection: "MpnsHeaders", item: "MpnsHeader" },
  },
  simple("adm", "Adm", "admRegistrationId", "AdmRegistrationId"),
  {
    kind: "baidu",
    prefix: "Baidu",
    channel: [
      ["baiduUserId", "BaiduUserId", true],
      ["baiduChannelId", "BaiduChannelId", true],
    ],
    template: ["BodyTemplate", "TemplateName", "MessageType"],
  },
  {
    kind: "browser",
    prefix: "Browser",
    channel: [
      ["endpoint", "Endpoint", true],
      ["p256dh", "P256DH", true],
      ["auth", "Auth", true],
    ],
    template: ["BodyTemplate", "TemplateName"],
  },
  simple("xiaomi", "Xiaomi", "xiaomiRegistrationId", "XiaomiRegistrationId"),
];

const BY_KIND = new Map(KIND_SPECS.map((spec) => [spec.kind as string, spec]));

/** The spec of a kind, or undefined for a kind nhub does not know. */
export function kindSpec(kind: string): KindSpec | undefined {
  return BY_KIND.get(kind);
}

/** Element name of a registration of `spec`, native or template. */
export function elementName(spec: KindSpec, template: boolean): string {
  return `${spec.prefix}${template ? "Template" : ""}RegistrationDescription`;
}

/** Finds the kind of a description element name; undefined when unknown. */
export function specForElement(name: string): { spec: KindSpec; template: boolean } | undefined {
  for (const spec of KIND_SPECS) {
    if (name === elementName(spec, false)) return { spec, template: false };
    if (name === elementName(spec, true)) return { spec, template: true };
  }
  return undefined;
}

/** Base elements every description starts with, in wire order. */
export const BASE_ELEMENTS = [
  "ETag",
  "ExpirationTime",
  "RegistrationId",
  "Tags",
  "PushVariables",
] as const;
