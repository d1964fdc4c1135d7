import { validateTag } from "@nhub/core";
import { parseInstallation } from "@nhub/management";
import type { EmulatorContext, RouteRequest } from "./context.js";
import { normalizeInstallation } from "./installation.js";
import { applyInstallationPatch } from "./installation-patch.js";
import { errorReply, type Reply } from "./service-reply.js";
import type { Installation, InstallationTemplate } from "./types.js";

/** The `expirationTime` the service reports for installations that never expire. */
export const INSTALLATION_NEVER_EXPIRES = "9999-12-31T23:59:59.9999999Z";
/** Content type the service labels installation JSON with (sic, as recorded). */
const INSTALLATION_CONTENT_TYPE = "application/xml; charset=utf-8";

/** Checks an installation as the service would (platform, channel, tags); throws on a problem. */
function checkInstallation(installation: Installation): Installation {
  const normalized = normalizeInstallation(installation);
  for (const tag of normalized.tags ?? []) validateTag(tag);
  for (const template of Object.values(normalized.templates ?? {})) {
    for (const tag of template.tags ?? []) {
      if (!Object.hasOwn(normalized.templates ?? {}, tag)) validateTag(tag);
    }
  }
  return normalized;
}

/** The emulator's installation from a PUT body (read with `@nhub/management`'s parser). */
function installationFromBody(text: string, id: string): Installation {
  const parsed = parseInstallation(text);
  if (parsed.installationId !== id) {
    throw new Error(
      `The installationId '${parsed.installationId}' of the body differs from '${id}' in the URL.`,
    );
  }
  const installation: Installation = {
    installationId: id,
    platform: parsed.platform,
    pushChannel: parsed.pushChannel,
    pushChannelExpired: false,
    expirationTime: INSTALLATION_NEVER_EXPIRES,
  };
  if (parsed.tags !== undefined) installation.tags = [...new Set(parsed.tags)];
  if (parsed.userId !== undefined) installation.userId = parsed.userId;
  if (parsed.pushVariables !== undefined) installation.pushVariables = parsed.pushVariables;
  if (parsed.templates !== undefined) {
    const templates: Record<string, InstallationTemplate> = {};
    for (const [name, t] of Object.entries(parsed.templates)) {
      const template: InstallationTemplate = { body: t.body };
      if (t.headers !== undefined) template.headers = t.headers;
      if (t.expiry !== undefined)
        template.expiry = t.expiry instanceof Date ? t.expiry.toISOString() : t.expiry;
      // The service adds the template's name to the template's tags.
      template.tags = [...new Set([...(t.tags ?? []), name])];
      templates[name] = template;
    }
    installation.templates = templates;
  }
  return installation;
}

/** The installation JSON a GET answers, in the recorded field order. */
export function installationJson(installation: Installation): string {
  const { installationId, pushChannel, platform, tags, userId, pushVariables, templates } =
    installation;
  return JSON.stringify({
    installationId,
    pushChannel,
    pushChannelExpired: installation.pushChannelExpired === true,
    platform: platform.toLowerCase(),
    expirationTime: installation.expirationTime ?? INSTALLATION_NEVER_EXPIRES,
    ...(userId === undefined ? {} : { userId }),
    ...(tags === undefined || tags.length === 0 ? {} : { tags }),
    ...(pushVariables === undefined ? {} : { pushVariables }),
    ...(templates === undefined || Object.keys(templates).length === 0 ? {} : { templates }),
  });
}

function badRequest(request: RouteRequest, error: unknown): Reply {
  return errorReply(400, `Invalid installation: ${(error as Error).message}`, {
    hub: request.hub.name,
  });
}

function notFound(request: RouteRequest): Reply {
  return errorReply(404, "Installation not found.", { hub: request.hub.name });
}

/** `PUT /{hub}/installations/{id}`: creates or replaces the installation; 200, empty body. */
export function handlePutInstallation(request: RouteRequest, _context: EmulatorContext): Reply {
  const id = request.rest[1] ?? "";
  let installation: Installation;
  try {
    installation = checkInstallation(installationFromBody(request.body.toString("utf8"), id));
  } catch (error) {
    return badRequest(request, error);
  }
  request.hub.installations.set(id, installation);
  return { status: 200, hub: request.hub.name };
}

/** `PATCH /{hub}/installations/{id}`: applies a JSON Patch; 200, empty body; 400 on a bad patch. */
export function handlePatchInstallation(request: RouteRequest, _context: EmulatorContext): Reply {
  const id = request.rest[1] ?? "";
  const current = request.hub.installations.get(id);
  if (current === undefined) return notFound(request);
  let patched: Installation;
  try {
    patched = checkInstallation(applyInstallationPatch(current, request.body.toString("utf8")));
  } catch (error) {
    return badRequest(request, error);
  }
  request.hub.installations.set(id, patched);
  return { status: 200, hub: request.hub.name };
}

/** `GET /{hub}/installations/{id}`: 200 with the installation JSON; 404 `Installation not found`. */
export function handleGetInstallation(request: RouteRequest, _context: EmulatorContext): Reply {
  const installation = request.hub.installations.get(request.rest[1] ?? "");
  if (installation === undefined) return notFound(request);
  return {
    status: 200,
    headers: { "Content-Type": INSTALLATION_CONTENT_TYPE },
    body: installationJson(installation),
    hub: request.hub.name,
  };
}

/** `DELETE /{hub}/installations/{id}`: 204, whether or not it existed. */
export function handleDeleteInstallation(request: RouteRequest, _context: EmulatorContext): Reply {
  request.hub.installations.delete(request.rest[1] ?? "");
  return { status: 204, hub: request.hub.name };
}
