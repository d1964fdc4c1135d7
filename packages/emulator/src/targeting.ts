import { evaluateTagExpression, type ParsedTagExpression } from "@nhub/core";
import type { Installation } from "./types.js";

/** `ServiceBusNotification-Format` of a native send to the installation platform it reaches. */
export const FORMAT_PLATFORM: Readonly<Record<string, string>> = {
  apple: "apns",
  windows: "wns",
  windowsphone: "mpns",
  gcm: "gcm",
  fcmv1: "fcmv1",
  adm: "adm",
  baidu: "baidu",
  browser: "browser",
  xiaomi: "xiaomi",
};

/** Installation platform to the format name the service reports it as (`apns` to `apple`). */
export const PLATFORM_FORMAT: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(FORMAT_PLATFORM).map(([format, platform]) => [platform, format]),
);

/** A template a target renders for template sends. */
export interface TargetTemplate {
  name: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * One thing a push can reach: an installation (native), one template of an installation, and
 * later registrations (native or template), which only need to produce the same shape.
 */
export interface PushTarget {
  source: "installation" | "registration" | "direct";
  /** The installation id or registration id (the `RegistrationId` of a test-send outcome). */
  id: string;
  /** The installation this target belongs to, when it is one. */
  installationId: string | undefined;
  /** Lower-case installation platform (`apns`, `wns`, ...). */
  platform: string;
  /** The PNS handle (for `browser`: the subscription endpoint). */
  pushChannel: string;
  expired: boolean;
  /** Every tag the target matches on, system tags in lower case. */
  tags: ReadonlySet<string>;
  /** Set for a template target (reached by template sends only). */
  template?: TargetTemplate;
}

/** Produces the current targets of a hub (one source per kind of device record). */
export type TargetSource = () => Iterable<PushTarget>;

/** The text form of a system tag as stored in a target's tag set. */
export function systemTag(kind: "InstallationId" | "UserId", id: string): string {
  return `$${kind}:{${id}}`.toLowerCase();
}

/** The handle a PNS knows the installation by; for `browser`, the subscription's endpoint. */
export function pushChannelText(installation: Installation): string {
  const channel = installation.pushChannel;
  if (typeof channel !== "string") return channel.endpoint;
  if (installation.platform.toLowerCase() === "browser" && channel.trimStart().startsWith("{")) {
    try {
      const parsed = JSON.parse(channel) as { endpoint?: unknown };
      if (typeof parsed.endpoint === "string") return parsed.endpoint;
    } catch {
      // not JSON: the channel is the endpoint itself
    }
  }
  return channel;
}

function lowerHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/** The native target and one target per template of an installation. */
export function installationTargets(installation: Installation): PushTarget[] {
  const base = new Set(installation.tags ?? []);
  base.add(systemTag("InstallationId", installation.installationId));
  if (installation.userId) base.add(systemTag("UserId", installation.userId));
  const common = {
    source: "installation" as const,
    id: installation.installationId,
    installationId: installation.installationId,
    platform: installation.platform.toLowerCase(),
    pushChannel: pushChannelText(installation),
    expired: installation.pushChannelExpired === true,
  };
  const targets: PushTarget[] = [{ ...common, tags: base }];
  for (const [name, template] of Object.entries(installation.templates ?? {})) {
    const tags = new Set(base);
    for (const tag of template.tags ?? []) tags.add(tag);
    tags.add(name);
    targets.push({
      ...common,
      tags,
      template: { name, body: template.body, headers: lowerHeaders(template.headers) },
    });
  }
  return targets;
}

/** A tag test over a target's tags: system tags compare case-insensitively, others exactly. */
export function tagTester(tags: ReadonlySet<string>): (tag: string) => boolean {
  return (tag) => (tag.startsWith("$") ? tags.has(tag.toLowerCase()) : tags.has(tag));
}

/** What a send selects. */
export interface TargetQuery {
  /** Native send: the installation platform reached; undefined for a template send. */
  platform: string | undefined;
  /** The parsed tags header; undefined reaches every target (broadcast). */
  expression: ParsedTagExpression | undefined;
}

/** The targets a send reaches, in store order. */
export function selectTargets(targets: Iterable<PushTarget>, query: TargetQuery): PushTarget[] {
  const selected: PushTarget[] = [];
  for (const target of targets) {
    if (
      query.platform === undefined ? target.template === undefined : target.template !== undefined
    ) {
      continue;
    }
    if (query.platform !== undefined && target.platform !== query.platform) continue;
    if (
      query.expression !== undefined &&
      !evaluateTagExpression(query.expression, tagTester(target.tags))
    ) {
      continue;
    }
    selected.push(target);
  }
  return selected;
}
