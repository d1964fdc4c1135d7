import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { upcomingChangelogs } from "../scripts/changelog.mjs";
import { repoRoot } from "../scripts/entry-points.mjs";

const pending = () =>
  readdirSync(join(repoRoot, ".changeset"))
    .filter((f) => f.endsWith(".md"))
    .sort();

describe("the Changelog page", () => {
  it("renders each public package's next release from the pending changesets, leaving them pending", () => {
    const before = pending();
    const logs = upcomingChangelogs();
    expect(pending()).toEqual(before);
    expect(logs.map((l) => l.name)).toEqual(
      expect.arrayContaining(["@nhub/core", "@nhub/apns", "@nhub/cli"]),
    );
    const core = logs.find((l) => l.name === "@nhub/core")?.changelog ?? "";
    expect(core).toMatch(/^# @nhub\/core\n\n## \d+\.\d+\.\d+/);
    expect(core).toContain("First release of `@nhub/core`");
  });

  it("is a page of the built site (its navigation entry: site-browser.test.ts)", () => {
    const html = readFileSync(
      join(import.meta.dirname, "../site/documents/Changelog.html"),
      "utf8",
    );
    expect(html).toContain("First release of <code>@nhub/core</code>");
  });
});
