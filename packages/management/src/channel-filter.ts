import { InvalidArgumentError } from "@nhub/core";
import { KIND_SPECS } from "./registration-kinds.js";
import type { RegistrationChannel } from "./registration-types.js";
import { isRecord, requireString } from "./validate.js";

/** Quotes a value as an OData string literal: `'` around it, each `'` inside doubled. */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

const KINDS = KIND_SPECS.map((spec) => spec.kind).join(", ");

/**
 * The `$filter` that finds the registrations of a channel: `DeviceToken eq 'UPPERHEX'` (Apple
 * tokens upper-cased, as the service stores them), `ChannelUri eq '...'` (windows, mpns),
 * `GcmRegistrationId`, `FcmV1RegistrationId`, `AdmRegistrationId`, `XiaomiRegistrationId`,
 * `Endpoint` (browser), and `BaiduChannelId eq '...' and BaiduUserId eq '...'`.
 */
export function channelFilter(channel: RegistrationChannel, operation = "channelFilter"): string {
  if (!isRecord(channel)) {
    throw new InvalidArgumentError(
      `${operation}: channel must be an object such as { kind: "apple", deviceToken }.`,
    );
  }
  const c = channel as unknown as Record<string, unknown>;
  const field = (name: string) => requireString(c[name], `${operation}: channel.${name}`);
  switch (channel.kind) {
    case "apple":
      return `DeviceToken eq ${odataString(field("deviceToken").toUpperCase())}`;
    case "windows":
    case "mpns":
      return `ChannelUri eq ${odataString(field("channelUri"))}`;
    case "gcm":
      return `GcmRegistrationId eq ${odataString(field("gcmRegistrationId"))}`;
    case "fcmv1":
      return `FcmV1RegistrationId eq ${odataString(field("fcmV1RegistrationId"))}`;
    case "adm":
      return `AdmRegistrationId eq ${odataString(field("admRegistrationId"))}`;
    case "baidu":
      return `BaiduChannelId eq ${odataString(field("baiduChannelId"))} and BaiduUserId eq ${odataString(field("baiduUserId"))}`;
    case "browser":
      return `Endpoint eq ${odataString(field("endpoint"))}`;
    case "xiaomi":
      return `XiaomiRegistrationId eq ${odataString(field("xiaomiRegistrationId"))}`;
    default:
      throw new InvalidArgumentError(
        `${operation}: channel.kind must be one of ${KINDS}; got ${JSON.stringify((channel as { kind?: unknown }).kind)}.`,
      );
  }
}
