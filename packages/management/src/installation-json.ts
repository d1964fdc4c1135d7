import { InvalidArgumentError, PayloadValidationError } from "@nhub/core";
import type {
  BrowserPushChannel,
  Installation,
  InstallationPlatform,
  InstallationSecondaryTile,
  InstallationTemplate,
} from "./installation-types.js";
import { isServiceTime, parseServiceTime } from "./service-time.js";
import {
  isRecord,
  optionalString,
  requireString,
  validateStringRecord,
  validateTags,
} from "./validate.js";

/** Every installation platform nhub knows. */
export const INSTALLATION_PLATFORMS: readonly InstallationPlatform[] = [
  "apns",
  "wns",
  "mpns",
  "gcm",
  "fcmv1",
  "adm",
  "baidu",
  "browser",
  "xiaomi",
];

/** Checks an installation before it is sent (typed errors say what to fix). */
export function assertInstallation(
  value: unknown,
  operation: string,
): asserts value is Installation {
  if (!isRecord(value)) {
    throw new InvalidArgumentError(
      `${operation} needs an installation object { installationId, platform, pushChannel }.`,
    );
  }
  requireString(value.installationId, `${operation}: installationId`);
  const platform = typeof value.platform === "string" ? value.platform.toLowerCase() : undefined;
  if (!platform || !(INSTALLATION_PLATFORMS as readonly string[]).includes(platform)) {
    throw new InvalidArgumentError(
      `${operation}: platform must be one of ${INSTALLATION_PLATFORMS.join(", ")}; got ${JSON.stringify(value.platform)}.`,
    );
  }
  if (platform === "browser") {
    const channel = value.pushChannel;
    if (!isRecord(channel)) {
      throw new InvalidArgumentError(
        `${operation}: a browser installation's pushChannel is { endpoint, p256dh, auth }.`,
      );
    }
    for (const key of ["endpoint", "p256dh", "auth"])
      requireString(channel[key], `${operation}: pushChannel.${key}`);
  } else {
    requireString(value.pushChannel, `${operation}: pushChannel`, " (the device's PNS handle)");
  }
  validateTags(value.tags, `${operation}: tags`);
  optionalString(value.userId, `${operation}: userId`);
  validateStringRecord(value.pushVariables, `${operation}: pushVariables`);
  assertTemplates(value.templates, `${operation}: templates`);
  if (value.secondaryTiles !== undefined) {
    if (!isRecord(value.secondaryTiles)) {
      throw new InvalidArgumentError(
        `${operation}: secondaryTiles must be an object of tile id to tile.`,
      );
    }
    for (const [id, tile] of Object.entries(value.secondaryTiles)) {
      if (!isRecord(tile))
        throw new InvalidArgumentError(`${operation}: secondaryTiles.${id} must be an object.`);
      requireString(tile.pushChannel, `${operation}: secondaryTiles.${id}.pushChannel`);
      validateTags(tile.tags, `${operation}: secondaryTiles.${id}.tags`);
      assertTemplates(tile.templates, `${operation}: secondaryTiles.${id}.templates`);
    }
  }
}

function assertTemplates(templates: unknown, where: string): void {
  if (templates === undefined) return;
  if (!isRecord(templates))
    throw new PayloadValidationError(`${where} must be an object of template name to template.`);
  for (const [name, template] of Object.entries(templates)) {
    if (name.trim() === "")
      throw new PayloadValidationError(`${where} has a template with an empty name.`);
    if (!isRecord(template) || typeof template.body !== "string" || template.body.trim() === "") {
      throw new PayloadValidationError(`${where}.${name} needs a non-empty body string.`);
    }
    validateStringRecord(template.headers, `${where}.${name}.headers`);
    validateTags(template.tags, `${where}.${name}.tags`);
    const expiry = template.expiry;
    if (
      expiry !== undefined &&
      !(expiry instanceof Date
        ? !Number.isNaN(expiry.getTime())
        : typeof expiry === "string" && (isServiceTime(expiry) || /^\$\(.+\)$/.test(expiry)))
    ) {
      throw new PayloadValidationError(
        `${where}.${name}.expiry must be a valid Date or an ISO-8601 date-time string.`,
      );
    }
  }
}

/** The JSON the service expects for an installation: read-only fields left out, dates in ISO-8601. */
export function serializeInstallation(installation: Installation): string {
  const out: Record<string, unknown> = {
    installationId: installation.installationId,
    platform: installation.platform.toLowerCase(),
    pushChannel: installation.pushChannel,
  };
  if (installation.tags !== undefined) out.tags = installation.tags;
  if (installation.userId !== undefined) out.userId = installation.userId;
  if (installation.pushVariables !== undefined) out.pushVariables = installation.pushVariables;
  if (installation.templates !== undefined) out.templates = writeTemplates(installation.templates);
  if (installation.secondaryTiles !== undefined) {
    out.secondaryTiles = Object.fromEntries(
      Object.entries(installation.secondaryTiles).map(([id, tile]) => {
        const written: Record<string, unknown> = { pushChannel: tile.pushChannel };
        if (tile.tags !== undefined) written.tags = tile.tags;
        if (tile.templates !== undefined) written.templates = writeTemplates(tile.templates);
        return [id, written];
      }),
    );
  }
  return JSON.stringify(out);
}

function writeTemplates(templates: Record<string, InstallationTemplate>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(templates).map(([name, t]) => {
      const written: Record<string, unknown> = { body: t.body };
      if (t.headers !== undefined) written.headers = t.headers;
      if (t.expiry !== undefined)
        written.expiry = t.expiry instanceof Date ? t.expiry.toISOString() : t.expiry;
      if (t.tags !== undefined) written.tags = t.tags;
      return [name, written];
    }),
  );
}

/**
 * Reads an installation from the service's JSON (whatever the response's Content-Type says).
 * Platform is read case-insensitively; tags are not validated; a browser `pushChannel` sent as a
 * JSON string is read as an object. Throws InvalidArgumentError when the text is not one.
 */
export function parseInstallation(text: string): Installation {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError(
      `Expected an installation as JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (!isRecord(data) || typeof data.installationId !== "string") {
    throw new InvalidArgumentError("Expected an installation object with an installationId.");
  }
  const platform = String(data.platform ?? "").toLowerCase() as InstallationPlatform;
  const installation: Installation = {
    installationId: data.installationId,
    platform,
    pushChannel: readPushChannel(data.pushChannel, platform),
  };
  const tags = readStrings(data.tags);
  if (tags) installation.tags = tags;
  if (typeof data.userId === "string") installation.userId = data.userId;
  const variables = readStringRecord(data.pushVariables);
  if (variables) installation.pushVariables = variables;
  if (isRecord(data.templates)) installation.templates = readTemplates(data.templates);
  if (isRecord(data.secondaryTiles)) {
    const tiles: Record<string, InstallationSecondaryTile> = {};
    for (const [id, tile] of Object.entries(data.secondaryTiles)) {
      if (!isRecord(tile)) continue;
      const read: InstallationSecondaryTile = { pushChannel: String(tile.pushChannel ?? "") };
      const tileTags = readStrings(tile.tags);
      if (tileTags) read.tags = tileTags;
      if (isRecord(tile.templates)) read.templates = readTemplates(tile.templates);
      if (typeof tile.pushChannelExpired === "boolean")
        read.pushChannelExpired = tile.pushChannelExpired;
      tiles[id] = read;
    }
    installation.secondaryTiles = tiles;
  }
  const expiration = parseServiceTime(
    typeof data.expirationTime === "string" ? data.expirationTime : undefined,
  );
  if (expiration) installation.expirationTime = expiration;
  const lastUpdate = parseServiceTime(
    typeof data.lastUpdate === "string" ? data.lastUpdate : undefined,
  );
  if (lastUpdate) installation.lastUpdate = lastUpdate;
  if (typeof data.pushChannelExpired === "boolean")
    installation.pushChannelExpired = data.pushChannelExpired;
  return installation;
}

function readPushChannel(value: unknown, platform: string): string | BrowserPushChannel {
  let channel = value;
  if (platform === "browser" && typeof channel === "string" && channel.trim().startsWith("{")) {
    try {
      channel = JSON.parse(channel);
    } catch {
      return value as string;
    }
  }
  if (isRecord(channel)) {
    return {
      endpoint: String(channel.endpoint ?? ""),
      p256dh: String(channel.p256dh ?? ""),
      auth: String(channel.auth ?? ""),
    };
  }
  return typeof channel === "string" ? channel : "";
}

function readTemplates(value: Record<string, unknown>): Record<string, InstallationTemplate> {
  const out: Record<string, InstallationTemplate> = {};
  for (const [name, t] of Object.entries(value)) {
    if (!isRecord(t)) continue;
    const template: InstallationTemplate = { body: String(t.body ?? "") };
    const headers = readStringRecord(t.headers);
    if (headers) template.headers = headers;
    if (typeof t.expiry === "string") template.expiry = t.expiry;
    const tags = readStrings(t.tags);
    if (tags) template.tags = tags;
    out[name] = template;
  }
  return out;
}

function readStrings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}

function readStringRecord(value: unknown): Record<string, string> | undefined {
  if (typeof value === "string") {
    try {
      return readStringRecord(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return isRecord(value)
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]))
    : undefined;
}
