import type { AnyRegistration, Registration } from "@nhub/management";
import type { PushTarget } from "./targeting.js";

/** Registration kind to the installation platform its pushes go to. */
export const KIND_PLATFORM: Readonly<Record<Registration["kind"], string>> = {
  apple: "apns",
  gcm: "gcm",
  fcmv1: "fcmv1",
  windows: "wns",
  mpns: "mpns",
  adm: "adm",
  baidu: "baidu",
  browser: "browser",
  xiaomi: "xiaomi",
};

/**
 * The PNS handle of a registration: the device token, channel URI, registration id or browser
 * endpoint; for Baidu `{userId}-{channelId}` (the installation form).
 */
export function registrationChannel(registration: Registration): string {
  switch (registration.kind) {
    case "apple":
      return registration.deviceToken;
    case "gcm":
      return registration.gcmRegistrationId;
    case "fcmv1":
      return registration.fcmV1RegistrationId;
    case "windows":
    case "mpns":
      return registration.channelUri;
    case "adm":
      return registration.admRegistrationId;
    case "baidu":
      return `${registration.baiduUserId}-${registration.baiduChannelId}`;
    case "browser":
      return registration.endpoint;
    case "xiaomi":
      return registration.xiaomiRegistrationId;
  }
}

function lowerHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/**
 * The target a registration is to sends: a native registration is reached by native sends of
 * its platform, a template registration by template sends (its `TemplateName` is a tag too).
 * A registration of an unknown kind reaches nothing.
 */
export function registrationTargets(
  registration: AnyRegistration & { registrationId: string },
): PushTarget[] {
  if (registration.kind === "unknown") return [];
  const tags = new Set(registration.tags ?? []);
  const target: PushTarget = {
    source: "registration",
    id: registration.registrationId,
    installationId: undefined,
    platform: KIND_PLATFORM[registration.kind],
    pushChannel: registrationChannel(registration),
    expired: false,
    tags,
  };
  const template = registration.template;
  if (template === undefined) return [target];
  const name = template.name ?? "";
  if (name !== "") tags.add(name);
  return [
    {
      ...target,
      template: { name, body: template.body, headers: lowerHeaders(template.headers) },
    },
  ];
}
