import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { azureApiFunctions, azureClientMethods } from "../scripts/azure-surface.mjs";

const guide = readFileSync(
  new URL("../guides/migration-from-azure-notification-hubs.md", import.meta.url),
  "utf8",
);
/** The names in the first column of the migration table: `| \`name\` ... |`. */
const tabled = new Set([...guide.matchAll(/^\| `([A-Za-z]+)`/gm)].map((m) => m[1]));

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
});
