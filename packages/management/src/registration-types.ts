/** The registration kinds nhub reads and writes. */
export type RegistrationKind =
  | "apple"
  | "gcm"
  | "fcmv1"
  | "windows"
  | "mpns"
  | "adm"
  | "baidu"
  | "browser"
  | "xiaomi";

/** The template part of a template registration (`...TemplateRegistrationDescription`). */
export interface RegistrationTemplate {
  /** `BodyTemplate`: the payload with `$(property)` expressions. */
  body: string;
  /** `TemplateName`. */
  name?: string;
  /** `ApnsHeaders` / `WnsHeaders` / `MpnsHeaders` (apple, windows, mpns only): header name to value. */
  headers?: Record<string, string>;
  /**
   * `Expiry` (apple only). A `Date` is written in ISO-8601; a string is written as is (an ISO-8601
   * date-time or a template expression such as `$(expiry)`). Read back as a `Date` when it is one.
   */
  expiry?: Date | string;
  /** `Priority` (apple only), for example 10 or 5. */
  priority?: number;
}

/** Fields every registration has. */
export interface RegistrationCommon {
  /** Set by the service (or by `createRegistrationId`); needed by update and delete. */
  registrationId?: string;
  /** The registration's version (`"1"`, `"2"`...), sent as `If-Match` by `updateRegistration`. */
  etag?: string;
  /** Read-only: when the service drops the registration. Never sent. */
  expirationTime?: Date;
  /** Tags (1 to 120 characters of `A-Z a-z 0-9 _ @ # . : -` each when written). */
  tags?: string[];
  /** Values the template expressions of this registration can use. */
  pushVariables?: Record<string, string>;
  /** Makes this a template registration. */
  template?: RegistrationTemplate;
}

/** Apple (APNs) registration. */
export interface AppleRegistration extends RegistrationCommon {
  kind: "apple";
  /** Hex device token (the service upper-cases it). */
  deviceToken: string;
}
/** Legacy GCM/FCM registration. */
export interface GcmRegistration extends RegistrationCommon {
  kind: "gcm";
  gcmRegistrationId: string;
}
/** FCM v1 registration. */
export interface FcmV1Registration extends RegistrationCommon {
  kind: "fcmv1";
  fcmV1RegistrationId: string;
}
/** Windows (WNS) registration. */
export interface WindowsRegistration extends RegistrationCommon {
  kind: "windows";
  channelUri: string;
  secondaryTileName?: string;
}
/** Windows Phone (MPNS) registration. */
export interface MpnsRegistration extends RegistrationCommon {
  kind: "mpns";
  channelUri: string;
  secondaryTileName?: string;
}
/** Amazon (ADM) registration. */
export interface AdmRegistration extends RegistrationCommon {
  kind: "adm";
  admRegistrationId: string;
}
/** Baidu registration. */
export interface BaiduRegistration extends RegistrationCommon {
  kind: "baidu";
  baiduUserId: string;
  baiduChannelId: string;
  /** `MessageType` of a Baidu template registration. */
  messageType?: string;
}
/** Browser (Web Push) registration. */
export interface BrowserRegistration extends RegistrationCommon {
  kind: "browser";
  endpoint: string;
  p256dh: string;
  auth: string;
}
/** Xiaomi registration. */
export interface XiaomiRegistration extends RegistrationCommon {
  kind: "xiaomi";
  xiaomiRegistrationId: string;
}

/** A registration of one of the kinds nhub knows. A plain object: nhub never mutates it. */
export type Registration =
  | AppleRegistration
  | GcmRegistration
  | FcmV1Registration
  | WindowsRegistration
  | MpnsRegistration
  | AdmRegistration
  | BaiduRegistration
  | BrowserRegistration
  | XiaomiRegistration;

/**
 * A registration whose element nhub does not know (a newer platform). Its own elements are kept
 * as text in `fields`, in document order; it can be written back unchanged.
 */
export interface UnknownRegistration extends Omit<RegistrationCommon, "template"> {
  kind: "unknown";
  /** The description element, for example `FooRegistrationDescription`. */
  elementName: string;
  /** The platform elements (everything after `PushVariables`), by element name. */
  fields: Record<string, string>;
}

/** What reading a registration can give: a known kind, or the generic form. */
export type AnyRegistration = Registration | UnknownRegistration;

/** The channel (PNS handle) of a registration kind: `{ kind, ...the kind's channel fields }`. */
export type RegistrationChannel =
  | { kind: "apple"; deviceToken: string }
  | { kind: "gcm"; gcmRegistrationId: string }
  | { kind: "fcmv1"; fcmV1RegistrationId: string }
  | { kind: "windows"; channelUri: string }
  | { kind: "mpns"; channelUri: string }
  | { kind: "adm"; admRegistrationId: string }
  | { kind: "baidu"; baiduUserId: string; baiduChannelId: string }
  | { kind: "browser"; endpoint: string }
  | { kind: "xiaomi"; xiaomiRegistrationId: string };
