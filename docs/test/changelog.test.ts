import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changelogPagePath, upcomingChangelogs, writeChangelog } from "../scripts/changelog.mjs";
import { publicEntryPoints, repoRoot } from "../scripts/entry-points.mjs";

const site = join(import.meta.dirname, "../site");
const pending = () =>
  readdirSync(join(repoRoot, ".changeset"))
    .filter((f) => f.endsWith(".md"))
    .sort();
/** Every public package of packages/*, from its package.json. */
const publicPackages = readdirSync(join(repoRoot, "packages"))
  .map((dir) => join(repoRoot, "packages", dir, "package.json"))
  .filter(existsSync)
  .map((file) => JSON.parse(readFileSync(file, "utf8")) as { name: string; private?: boolean })
  .filter((pkg) => !pkg.private)
  .map((pkg) => pkg.name)
  .sort();
const out = mkdtempSync(join(tmpdir(), "nhub-changelog-pages-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the changelog pages", () => {
  let logs: ReturnType<typeof upcomingChangelogs> = [];
  let before: string[] = [];
  beforeAll(() => {
    before = pending();
    logs = upcomingChangelogs();
  });

  it("renders each public package's CHANGELOG.md from the changesets, leaving them pending", () => {
    // `changeset version` ran in a temporary copy: the repo's pending changesets are untouched.
    expect(pending()).toEqual(before);
    expect(logs.map((l) => l.name)).toEqual(publicPackages);
    const core = logs.find((l) => l.name === "@nhub/core");
    expect(core?.changelog).toMatch(/^# @nhub\/core\n\n## \d+\.\d+\.\d+/);
    expect(core?.changelog).toContain("First release of `@nhub/core`");
  });

  it("writes one page per package under a Changelog page that lists them as children", () => {
    const log = (dir: string, version: string, nextVersion: string) => ({
      name: `@x/${dir}`,
      dir,
      version,
      nextVersion,
      changelog: `# @x/${dir}\n\n## ${nextVersion}\n\n### Patch Changes\n\n- Fixed ${dir}.\n`,
    });
    const [index, ...pages] = writeChangelog(out, [
      log("a", "1.0.0", "1.0.1"),
      log("b", "2.0.0", "2.0.0"),
    ]);
    expect(pages.map((p) => p.slice(out.length + 1))).toEqual(["changelog/a.md", "changelog/b.md"]);
    const parent = readFileSync(index as string, "utf8");
    expect(parent).toMatch(
      /^---\ntitle: Changelog\nchildren:\n {2}- \.\/changelog\/a\.md\n {2}- \.\/changelog\/b\.md\n---\n/,
    );
    expect(parent).toContain("| [`@x/a`](./changelog/a.md) | 1.0.0 | 1.0.1 |");
    expect(parent).toContain("| [`@x/b`](./changelog/b.md) | 2.0.0 | no pending change |");
    const a = readFileSync(join(out, "changelog/a.md"), "utf8");
    expect(a).toMatch(
      /^---\ntitle: "@x\/a"\n---\n\n# @x\/a changelog\n\n> \*\*Unreleased:\*\* 1\.0\.1 /,
    );
    expect(a).toContain("## 1.0.1\n\n### Patch Changes\n\n- Fixed a.");
    expect(readFileSync(join(out, "changelog/b.md"), "utf8")).not.toContain("Unreleased");
  });

  it("are pages of the built site, each linked from its package's reference pages", () => {
    expect(readFileSync(join(site, "documents/Changelog.html"), "utf8")).toContain(
      "One page per published package",
    );
    for (const name of publicPackages) {
      const page = join(site, changelogPagePath(name));
      expect(existsSync(page), page).toBe(true);
      expect(readFileSync(page, "utf8")).toContain(`${name} changelog`);
    }
    expect(readFileSync(join(site, changelogPagePath("@nhub/core")), "utf8")).toContain(
      "First release of <code>@nhub/core</code>",
    );
    for (const { specifier, packageName } of publicEntryPoints()) {
      const module = join(site, `modules/${specifier.replace(/[^\w-]/g, "_")}.html`);
      expect(readFileSync(module, "utf8"), module).toContain(
        `<p class="nhub-changelog-link"><a href="../${changelogPagePath(packageName)}">Changelog of ${packageName}</a></p>`,
      );
    }
  });
});
