import type { AnyRegistration, RegistrationTemplate } from "@nhub/management";
import { NEVER_EXPIRES, type StoredRegistration } from "./registration-store.js";
import type { BrowserPushChannel, Installation } from "./types.js";

/**
 * Paging position of the registrations made from installations: after every registration of the
 * `/registrations` routes, in installation order.
 */
export const INSTALLATION_SEQ_BASE = 2 ** 40;

function browserChannel(channel: Installation["pushChannel"]): BrowserPushChannel | undefined {
  if (typeof channel === "object") return channel;
  try {
    const parsed = JSON.parse(channel) as Partial<BrowserPushChannel>;
    return typeof parsed.endpoint === "string"
      ? { endpoint: parsed.endpoint, p256dh: parsed.p256dh ?? "", auth: parsed.auth ?? "" }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The native registration fields of an installation's channel, by installation platform. */
function channelFields(installation: Installation): AnyRegistration | undefined {
  const channel = installation.pushChannel;
  const text = typeof channel === "string" ? channel : "";
  switch (installation.platform.toLowerCase()) {
    case "apns":
      return { kind: "apple", deviceToken: text.toUpperCase() };
    case "gcm":
      return { kind: "gcm", gcmRegistrationId: text };
    case "fcmv1":
      return { kind: "fcmv1", fcmV1RegistrationId: text };
    case "wns":
      return { kind: "windows", channelUri: text };
    case "mpns":
      return { kind: "mpns", channelUri: text };
    case "adm":
      return { kind: "adm", admRegistrationId: text };
    case "xiaomi":
      return { kind: "xiaomi", xiaomiRegistrationId: text };
    case "baidu": {
      const [baiduUserId = text, baiduChannelId = ""] = text.split("-");
      return { kind: "baidu", baiduUserId, baiduChannelId };
    }
    case "browser": {
      const subscription = browserChannel(channel);
      return subscription && { kind: "browser", ...subscription };
    }
    default:
      return undefined;
  }
}

function sortedTags(tags: Iterable<string>): string[] {
  return [...new Set(tags)].sort();
}

/**
 * The registrations the hub makes from installations, as listings show them: one native
 * registration per installation and one template registration per template, each tagged
 * `$InstallationId:{id}` besides its own tags. Ids are stable: `{installationId}` and
 * `{installationId}/{templateName}`.
 */
export function installationRegistrations(
  installations: Iterable<Installation>,
): StoredRegistration[] {
  const out: StoredRegistration[] = [];
  for (const installation of installations) {
    const native = channelFields(installation);
    if (native === undefined) continue;
    const systemTag = `$InstallationId:{${installation.installationId}}`;
    const own = installation.tags ?? [];
    const expirationTime =
      installation.expirationTime === undefined
        ? NEVER_EXPIRES
        : new Date(installation.expirationTime);
    const add = (registrationId: string, tags: string[], template?: RegistrationTemplate) => {
      out.push({
        registration: {
          ...native,
          registrationId,
          etag: "1",
          expirationTime,
          tags: sortedTags(tags),
          ...(installation.pushVariables ? { pushVariables: installation.pushVariables } : {}),
          ...(template ? { template } : {}),
        } as StoredRegistration["registration"],
        version: 1,
        seq: INSTALLATION_SEQ_BASE + out.length,
      });
    };
    add(installation.installationId, [...own, systemTag]);
    for (const [name, template] of Object.entries(installation.templates ?? {})) {
      add(
        `${installation.installationId}/${name}`,
        [...own, ...(template.tags ?? []), name, systemTag],
        {
          body: template.body,
          name,
          ...(template.headers ? { headers: template.headers } : {}),
        },
      );
    }
  }
  return out;
}
