import type { HubStore } from "./hub-store.js";
import type { DeviceRecord } from "./inspection-types.js";
import { registrationTargets } from "./registration-targets.js";
import { pushChannelText } from "./targeting.js";

/** Every installation and live registration of a hub, as the inspection API lists them. */
export function deviceRecords(hub: HubStore, now: Date): DeviceRecord[] {
  const out: DeviceRecord[] = [];
  for (const installation of hub.installations.values()) {
    const templates: DeviceRecord["templates"] = {};
    for (const [name, template] of Object.entries(installation.templates ?? {})) {
      templates[name] = {
        body: template.body,
        headers: { ...(template.headers ?? {}) },
        tags: [...(template.tags ?? [])],
      };
    }
    out.push({
      hub: hub.name,
      kind: "installation",
      id: installation.installationId,
      platform: installation.platform.toLowerCase(),
      pushChannel: pushChannelText(installation),
      tags: [...(installation.tags ?? [])],
      templates,
      expirationTime: installation.expirationTime ?? null,
    });
  }
  for (const entry of hub.registrations.live(now)) {
    const registration = entry.registration;
    const target = registrationTargets(registration)[0];
    const templates: DeviceRecord["templates"] = {};
    if (target?.template !== undefined && registration.kind !== "unknown") {
      // The headers as registered (the send path keeps a lower-cased copy for matching).
      templates[target.template.name] = {
        body: target.template.body,
        headers: { ...(registration.template?.headers ?? {}) },
        tags: [],
      };
    }
    out.push({
      hub: hub.name,
      kind: "registration",
      id: registration.registrationId,
      platform: target?.platform ?? registration.kind,
      pushChannel: target?.pushChannel ?? "",
      tags: [...(registration.tags ?? [])],
      templates,
      expirationTime: registration.expirationTime.toISOString(),
    });
  }
  return out;
}
