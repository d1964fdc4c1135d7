import { InvalidArgumentError, PayloadValidationError } from "@nhub/core";
import type { InstallationPatch } from "./installation-types.js";
import { describe, isRecord, validateTags } from "./validate.js";

const ROOTS = [
  "tags",
  "userId",
  "pushChannel",
  "pushVariables",
  "templates",
  "secondaryTiles",
  "platform",
];

/**
 * Checks a JSON Patch array for `patchInstallation`: `op` add, remove or replace; `path` under one
 * of the installation's fields; `value` a string for add and replace (tags validated; a template
 * value must be the template as a JSON string), and no value for remove.
 */
export function assertInstallationPatches(
  patches: unknown,
  operation: string,
): asserts patches is InstallationPatch[] {
  if (!Array.isArray(patches) || patches.length === 0) {
    throw new InvalidArgumentError(
      `${operation} needs a non-empty array of { op, path, value } operations.`,
    );
  }
  patches.forEach((patch: unknown, index) => {
    const where = `${operation}: patches[${index}]`;
    if (!isRecord(patch))
      throw new InvalidArgumentError(`${where} must be an object { op, path, value }.`);
    const { op, path, value } = patch;
    if (op !== "add" && op !== "remove" && op !== "replace") {
      throw new InvalidArgumentError(
        `${where}.op must be "add", "remove" or "replace"; got ${JSON.stringify(op)}.`,
      );
    }
    if (typeof path !== "string" || !path.startsWith("/")) {
      throw new InvalidArgumentError(
        `${where}.path must start with "/", such as "/tags" or "/templates/name".`,
      );
    }
    const parts = path.slice(1).split("/");
    const root = parts[0] ?? "";
    if (!ROOTS.includes(root) || parts.some((part) => part === "")) {
      throw new InvalidArgumentError(
        `${where}.path ${JSON.stringify(path)} must name one of /${ROOTS.join(", /")} (and a key below it).`,
      );
    }
    if (op === "remove") {
      if (value !== undefined)
        throw new InvalidArgumentError(
          `${where}: "remove" takes no value; delete the value field.`,
        );
    } else if (typeof value !== "string") {
      throw new InvalidArgumentError(
        `${where}.value must be a string (JSON Patch values are strings here); got ${describe(value)}.`,
      );
    }
    if (root === "tags") {
      if (parts.length > 2)
        throw new InvalidArgumentError(`${where}.path: a tag path is /tags or /tags/{tag}.`);
      if (parts[1] !== undefined) validateTags([decodePointer(parts[1])], `${where}.path tag`);
      if (op !== "remove" && parts.length === 1)
        validateTags((value as string).split(","), `${where}.value`);
    }
    if (root === "templates" && parts.length === 2 && op !== "remove")
      assertTemplateValue(value as string, where);
  });
}

function assertTemplateValue(value: string, where: string): void {
  let template: unknown;
  try {
    template = JSON.parse(value);
  } catch {
    throw new PayloadValidationError(
      `${where}.value must be the template as a JSON string, such as JSON.stringify({ body: "..." }).`,
    );
  }
  if (!isRecord(template) || typeof template.body !== "string" || template.body.trim() === "") {
    throw new PayloadValidationError(
      `${where}.value must be a JSON template with a non-empty "body".`,
    );
  }
}

/** Decodes a JSON Pointer segment (`~1` is `/`, `~0` is `~`). */
function decodePointer(part: string): string {
  return part.replaceAll("~1", "/").replaceAll("~0", "~");
}
