import { readFileSync } from "node:fs";
import { NotificationHubClient } from "@nhub/core";
import { describe, expect, it } from "vitest";
import { azureApiFunctions, azureClientMethods } from "../scripts/azure-surface.mjs";
import { publicEntryPoints } from "../scripts/entry-points.mjs";
import { fencedBlocks } from "../scripts/snippets.mjs";

const guide = readFileSync(
  new URL("../guides/migration-from-azure-notification-hubs.md", import.meta.url),
  "utf8",
);
const rows = [...guide.matchAll(/^\| `([A-Za-z]+)`[^|]*\|(.*)\|$/gm)].map((m) => ({
  azure: m[1] as string,
  nhub: m[2] as string,
}));
/** The names in the first column of the migration table: `| \`name\` ... |`. */
const tabled = new Set(rows.map((r) => r.azure));

/** Every function exported by a public nhub entry point (the built packages), by name. */
async function nhubFunctions(): Promise<Map<string, string[]>> {
  const byName = new Map<string, string[]>();
  for (const { specifier } of publicEntryPoints()) {
    const mod: Record<string, unknown> = await import(specifier);
    for (const [name, value] of Object.entries(mod))
      if (typeof value === "function") byName.set(name, [...(byName.get(name) ?? []), specifier]);
  }
  return byName;
}

describe("the migration guide's table", () => {
  it("reads a non-trivial surface from @azure/notification-hubs@2.1.0", () => {
    expect(azureApiFunctions().length).toBeGreaterThan(20);
    expect(azureClientMethods()).toContain("sendNotification");
  });

  it("lists every function of @azure/notification-hubs/api", () => {
    expect(azureApiFunctions().filter((name) => !tabled.has(name))).toEqual([]);
  });

  it("lists every method of NotificationHubsClient", () => {
    expect(azureClientMethods().filter((name) => !tabled.has(name))).toEqual([]);
  });

  it("maps each row to nhub functions and client methods that exist", async () => {
    const functions = await nhubFunctions();
    expect(functions.get("createClient")).toEqual(["@nhub/core"]);
    const missing: string[] = [];
    let named = 0;
    for (const { azure, nhub } of rows) {
      const calls = [...nhub.matchAll(/`(client\.)?([A-Za-z]\w*)\(/g)];
      if (calls.length === 0) missing.push(`${azure}: no nhub function or method named`);
      for (const [, method, name] of calls) {
        named++;
        const found = method
          ? typeof (NotificationHubClient.prototype as unknown as Record<string, unknown>)[
              name as string
            ] === "function"
          : functions.has(name as string);
        if (!found) missing.push(`${azure}: ${method ?? ""}${name}`);
        const pkg = /\(`(@nhub\/[\w-]+)`\)/.exec(nhub)?.[1];
        if (!method && pkg && calls[0]?.[2] === name)
          expect(functions.get(name as string), `${azure}: ${name} in ${pkg}`).toContain(pkg);
      }
    }
    expect(missing).toEqual([]);
    expect(named).toBeGreaterThanOrEqual(rows.length);
  });
});

describe("the migration guide's before and after code", () => {
  const tasks = guide
    .split(/^### /m)
    .slice(1)
    .map((section) => ({
      title: section.split("\n")[0] as string,
      blocks: fencedBlocks(section).filter((b) => b.lang === "ts"),
    }));

  it("shows ten tasks, each as type-checked Azure SDK code, then nhub code", () => {
    expect(tasks.map((t) => t.title)).toHaveLength(10);
    expect(guide).not.toMatch(/nocheck/);
    for (const { title, blocks } of tasks) {
      expect(
        blocks.map((b) => b.info),
        title,
      ).toEqual(["ts", "ts"]);
      const [before, after] = blocks.map((b) =>
        [...b.code.matchAll(/from "([^"]+)"/g)].map((m) => m[1]),
      );
      expect(before, `${title}: before`).toContain("@azure/notification-hubs");
      expect(
        before?.every((s) => s === "@azure/notification-hubs"),
        title,
      ).toBe(true);
      expect(after?.length, `${title}: after`).toBeGreaterThan(0);
      expect(
        after?.every((s) => s?.startsWith("@nhub/")),
        title,
      ).toBe(true);
    }
  });
});
