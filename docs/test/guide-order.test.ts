import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import config from "../typedoc.config.mjs";

const guides = fileURLToPath(new URL("../guides/", import.meta.url));

// TypeDoc keeps documents in the order they are listed, so the guides are listed one by one in
// reading order: a guide added to docs/guides/ but not to that list would be left off the site.
describe("the guides in the site's navigation", () => {
  const listed = (config.projectDocuments ?? []).filter((path) => path.startsWith("./guides/"));

  it("lists every top-level guide once", () => {
    const files = readdirSync(guides)
      .filter((name) => name.endsWith(".md"))
      .map((name) => `./guides/${name}`);
    expect([...listed].sort()).toEqual(files.sort());
  });

  it("starts with getting started, then the concepts", () => {
    expect(listed.slice(0, 2)).toEqual(["./guides/getting-started.md", "./guides/concepts.md"]);
  });
});
