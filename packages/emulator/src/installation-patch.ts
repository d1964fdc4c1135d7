import { InvalidArgumentError } from "@nhub/core";
import type { Installation, InstallationTemplate } from "./types.js";

interface PatchOp {
  op: "add" | "remove" | "replace";
  path: string;
  value: string | undefined;
}

function fail(message: string): never {
  throw new InvalidArgumentError(message);
}

function decodePointer(part: string): string {
  return part.replaceAll("~1", "/").replaceAll("~0", "~");
}

function splitTags(value: string): string[] {
  return value
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");
}

function jsonObject(value: string, where: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    fail(`${where}: the value must be a JSON object written as a string.`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    fail(`${where}: the value must be a JSON object written as a string.`);
  }
  return parsed as Record<string, unknown>;
}

function stringRecord(value: string, where: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(jsonObject(value, where)).map(([key, v]) => [key, String(v)]),
  );
}

/** A template from a patch value; the service adds the template's name to its tags. */
export function templateFromJson(name: string, value: string, where: string): InstallationTemplate {
  const data = jsonObject(value, where);
  if (typeof data.body !== "string" || data.body.trim() === "") {
    fail(`${where}: a template needs a non-empty "body".`);
  }
  const template: InstallationTemplate = { body: data.body };
  if (data.headers !== undefined)
    template.headers = stringRecord(JSON.stringify(data.headers), where);
  if (typeof data.expiry === "string") template.expiry = data.expiry;
  const tags = Array.isArray(data.tags) ? data.tags.map(String) : [];
  template.tags = [...new Set([...tags, name])];
  return template;
}

function readOps(body: string): PatchOp[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    fail("The body must be a JSON Patch array of { op, path, value }.");
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    fail("The body must be a non-empty JSON Patch array of { op, path, value }.");
  }
  return parsed.map((item: unknown, index) => {
    const where = `Patch operation ${index}`;
    const { op, path, value } = (item ?? {}) as Record<string, unknown>;
    if (op !== "add" && op !== "remove" && op !== "replace") {
      fail(`${where}: op must be add, remove or replace; got ${JSON.stringify(op)}.`);
    }
    if (typeof path !== "string" || !path.startsWith("/") || path.length < 2) {
      fail(`${where}: path must start with / and name a field, such as /tags.`);
    }
    if (op !== "remove" && typeof value !== "string") {
      fail(`${where}: ${op} needs a string value.`);
    }
    return { op, path, value: typeof value === "string" ? value : undefined };
  });
}

function patchTemplate(installation: Installation, parts: string[], op: PatchOp): void {
  const [, name = "", field, key] = parts;
  installation.templates ??= {};
  const templates = installation.templates;
  const where = `Patch ${op.op} ${op.path}`;
  if (field === undefined) {
    if (op.op === "remove") {
      if (templates[name] === undefined) fail(`${where}: there is no template '${name}'.`);
      delete templates[name];
    } else {
      templates[name] = templateFromJson(name, op.value ?? "", where);
    }
    return;
  }
  const template = templates[name];
  if (template === undefined) fail(`${where}: there is no template '${name}'.`);
  const value = op.value ?? "";
  if (field === "body" && key === undefined) {
    if (op.op === "remove") fail(`${where}: a template's body cannot be removed.`);
    template.body = value;
  } else if (field === "expiry" && key === undefined) {
    if (op.op === "remove") delete template.expiry;
    else template.expiry = value;
  } else if (field === "headers") {
    if (key === undefined) {
      if (op.op === "remove") delete template.headers;
      else template.headers = stringRecord(value, where);
    } else if (op.op === "remove") {
      delete template.headers?.[key];
    } else {
      template.headers = { ...template.headers, [key]: value };
    }
  } else if (field === "tags" && key === undefined) {
    const base = op.op === "add" ? (template.tags ?? []) : [];
    template.tags = [...new Set([...base, ...(op.op === "remove" ? [] : splitTags(value)), name])];
  } else if (field === "tags" && op.op === "remove") {
    template.tags = (template.tags ?? []).filter((tag) => tag !== key);
  } else {
    fail(
      `${where}: a template path is /templates/{name}[/body|/headers[/{name}]|/tags[/{tag}]|/expiry].`,
    );
  }
}

function patchRecordField(
  installation: Installation,
  parts: string[],
  op: PatchOp,
  where: string,
): void {
  const [, key] = parts;
  if (key === undefined) {
    if (op.op === "remove") delete installation.pushVariables;
    else installation.pushVariables = stringRecord(op.value ?? "", where);
  } else if (op.op === "remove") {
    delete installation.pushVariables?.[key];
  } else {
    installation.pushVariables = { ...installation.pushVariables, [key]: op.value ?? "" };
  }
}

function applyOne(installation: Installation, op: PatchOp): void {
  const parts = op.path.slice(1).split("/").map(decodePointer);
  const where = `Patch ${op.op} ${op.path}`;
  if (parts.some((part) => part === "")) fail(`${where}: the path has an empty segment.`);
  const [root] = parts;
  const single = parts.length === 1;
  switch (root) {
    case "tags":
      if (single) {
        if (op.op === "remove") delete installation.tags;
        else {
          const base = op.op === "add" ? (installation.tags ?? []) : [];
          installation.tags = [...new Set([...base, ...splitTags(op.value ?? "")])];
        }
      } else if (parts.length === 2 && op.op === "remove") {
        installation.tags = (installation.tags ?? []).filter((tag) => tag !== parts[1]);
      } else {
        fail(
          `${where}: use add or replace on /tags (comma-separated value), remove on /tags or /tags/{tag}.`,
        );
      }
      return;
    case "userId":
      if (!single) fail(`${where}: /userId has no sub-path.`);
      if (op.op === "remove") delete installation.userId;
      else installation.userId = op.value ?? "";
      return;
    case "pushChannel":
      if (!single || op.op === "remove")
        fail(`${where}: /pushChannel can only be added or replaced.`);
      installation.pushChannel = op.value ?? "";
      installation.pushChannelExpired = false;
      return;
    case "pushVariables":
      if (parts.length > 2) fail(`${where}: a push variable path is /pushVariables/{name}.`);
      patchRecordField(installation, parts, op, where);
      return;
    case "templates":
      if (parts.length < 2 || parts.length > 4)
        fail(`${where}: a template path is /templates/{name}[/...].`);
      patchTemplate(installation, parts, op);
      return;
    default:
      fail(
        `${where}: the path must start with /tags, /userId, /pushChannel, /pushVariables or /templates.`,
      );
  }
}

/**
 * Applies a JSON Patch body (`[{ op, path, value }]`, values strings) to a copy of an installation
 * and returns the copy. Throws InvalidArgumentError (a 400 for the route) on any bad operation;
 * nothing is applied then.
 */
export function applyInstallationPatch(installation: Installation, body: string): Installation {
  const copy = structuredClone(installation);
  for (const op of readOps(body)) applyOne(copy, op);
  return copy;
}
