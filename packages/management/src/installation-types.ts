/** Platforms of an installation (the service accepts any case; nhub sends lower case). */
export type InstallationPlatform =
  | "apns"
  | "wns"
  | "mpns"
  | "gcm"
  | "fcmv1"
  | "adm"
  | "baidu"
  | "browser"
  | "xiaomi";

/** The push channel of a browser installation (a Web Push subscription). */
export interface BrowserPushChannel {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** A template of an installation. */
export interface InstallationTemplate {
  /** The body with `$(property)` expressions. */
  body: string;
  /** Platform headers (APNs, WNS, MPNS). */
  headers?: Record<string, string>;
  /** APNs expiry: a `Date` (sent in ISO-8601) or an ISO-8601 string or an expression. */
  expiry?: Date | string;
  /** Tags of this template (the service adds the template's name). */
  tags?: string[];
}

/** A secondary tile of a Windows installation. */
export interface InstallationSecondaryTile {
  pushChannel: string;
  tags?: string[];
  templates?: Record<string, InstallationTemplate>;
  /** Read-only. */
  pushChannelExpired?: boolean;
}

/** A device installation. A plain object: nhub never mutates it. */
export interface Installation {
  installationId: string;
  platform: InstallationPlatform;
  /** The PNS handle; for `browser`, the Web Push subscription. */
  pushChannel: string | BrowserPushChannel;
  tags?: string[];
  /** Targets the device with the `$UserId:{userId}` tag. */
  userId?: string;
  pushVariables?: Record<string, string>;
  templates?: Record<string, InstallationTemplate>;
  secondaryTiles?: Record<string, InstallationSecondaryTile>;
  /** Read-only: when the service drops the installation. Never sent. */
  expirationTime?: Date;
  /** Read-only: when the service last changed it. Never sent. */
  lastUpdate?: Date;
  /** Read-only: the PNS reported the channel as expired. Never sent. */
  pushChannelExpired?: boolean;
}

/** One JSON Patch operation of {@link patchInstallation}. `value` is always a string. */
export type InstallationPatch =
  | { op: "add" | "replace"; path: string; value: string }
  | { op: "remove"; path: string };
