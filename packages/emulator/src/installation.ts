import { InvalidArgumentError } from "@nhub/core";
import type { Installation } from "./types.js";

/** Installation platforms the emulator knows (wire reference section 8), lower case. */
export const INSTALLATION_PLATFORMS: readonly string[] = [
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

function fail(message: string): never {
  throw new InvalidArgumentError(`Invalid installation: ${message}`);
}

/**
 * Checks an installation (installation JSON of the wire reference) and returns a copy with the
 * `hub` field removed. Throws `InvalidArgumentError` naming what to fix.
 */
export function normalizeInstallation(installation: Installation): Installation {
  if (installation === null || typeof installation !== "object") fail("expected an object");
  const { hub: _hub, ...rest } = installation;
  if (typeof rest.installationId !== "string" || rest.installationId === "") {
    fail("installationId must be a non-empty string");
  }
  const where = `installation '${rest.installationId}'`;
  if (
    typeof rest.platform !== "string" ||
    !INSTALLATION_PLATFORMS.includes(rest.platform.toLowerCase())
  ) {
    fail(`${where}: platform must be one of ${INSTALLATION_PLATFORMS.join(", ")}`);
  }
  const channel = rest.pushChannel;
  const channelOk =
    (typeof channel === "string" && channel !== "") ||
    (typeof channel === "object" && channel !== null && typeof channel.endpoint === "string");
  if (!channelOk)
    fail(`${where}: pushChannel must be a non-empty string (or a browser subscription)`);
  if (
    rest.tags !== undefined &&
    (!Array.isArray(rest.tags) || rest.tags.some((tag) => typeof tag !== "string"))
  ) {
    fail(`${where}: tags must be an array of strings`);
  }
  for (const [name, template] of Object.entries(rest.templates ?? {})) {
    if (template === null || typeof template !== "object" || typeof template.body !== "string") {
      fail(`${where}: template '${name}' needs a string body`);
    }
  }
  return structuredClone(rest);
}
