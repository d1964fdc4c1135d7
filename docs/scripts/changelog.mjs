// Writes the Changelog pages (docs/.generated/changelog.md, the navigation group, and one page per
// public package under docs/.generated/changelog/) from the changesets: copies the workspace
// manifests, any committed CHANGELOG.md and .changeset/ into a temporary folder, runs
// `changeset version` THERE (never in the working tree, so the repo's pending changesets are not
// consumed), and reads each public package's rendered CHANGELOG.md.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "./entry-points.mjs";

/**
 * Each public package's CHANGELOG.md as the next `changeset version` writes it, by folder name:
 * `[{ name, dir, version, nextVersion, changelog }]` (`version`: the manifest's version now;
 * `nextVersion`: after the pending changesets, equal to `version` when none touches the package).
 */
export function upcomingChangelogs(root = repoRoot) {
  const copy = mkdtempSync(join(tmpdir(), "nhub-changelog-"));
  try {
    for (const file of ["package.json", "pnpm-workspace.yaml"])
      cpSync(join(root, file), join(copy, file));
    cpSync(join(root, ".changeset"), join(copy, ".changeset"), { recursive: true });
    const folders = ["bench", "docs"];
    for (const group of ["packages", "examples"])
      for (const dir of readdirSync(join(root, group))) folders.push(join(group, dir));
    for (const folder of folders) {
      const manifest = join(root, folder, "package.json");
      if (!existsSync(manifest)) continue;
      mkdirSync(join(copy, folder), { recursive: true });
      cpSync(manifest, join(copy, folder, "package.json"));
      const existing = join(root, folder, "CHANGELOG.md");
      if (existsSync(existing)) cpSync(existing, join(copy, folder, "CHANGELOG.md"));
    }
    const bin = join(
      dirname(createRequire(join(root, "package.json")).resolve("@changesets/cli/package.json")),
      "bin.js",
    );
    const out = spawnSync(process.execPath, [bin, "version"], { cwd: copy, encoding: "utf8" });
    if (out.status !== 0) throw new Error(`changeset version failed: ${out.stderr || out.stdout}`);
    const result = [];
    for (const dir of readdirSync(join(copy, "packages")).sort()) {
      const manifest = (base) =>
        JSON.parse(readFileSync(join(base, "packages", dir, "package.json"), "utf8"));
      const next = manifest(copy);
      if (next.private) continue;
      const changelog = join(copy, "packages", dir, "CHANGELOG.md");
      result.push({
        name: next.name,
        dir,
        version: manifest(root).version,
        nextVersion: next.version,
        changelog: existsSync(changelog)
          ? readFileSync(changelog, "utf8")
          : `# ${next.name}\n\nNo changes yet.\n`,
      });
    }
    return result;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** The site path (from docs/site) of a package's changelog page, as TypeDoc names it. */
export function changelogPagePath(packageName) {
  return `documents/Changelog.${packageName.replace(/[^\w-]/g, "_")}.html`;
}

/** Writes `changelog.md` and `changelog/<dir>.md` into `dir`; returns the written paths. */
export function writeChangelog(dir, logs = upcomingChangelogs()) {
  const pages = join(dir, "changelog");
  rmSync(pages, { recursive: true, force: true });
  mkdirSync(pages, { recursive: true });
  const written = [];
  for (const log of logs) {
    const pending =
      log.nextVersion === log.version
        ? []
        : [
            `> **Unreleased:** ${log.nextVersion} below is the next release of \`${log.name}\` (now ${log.version}), rendered from the pending changesets at docs build time.`,
            "",
          ];
    const body = log.changelog.replace(/^# .*\n+/, "");
    const file = join(pages, `${log.dir}.md`);
    writeFileSync(
      file,
      [
        "---",
        `title: "${log.name}"`,
        "---",
        "",
        `# ${log.name} changelog`,
        "",
        ...pending,
        body,
      ].join("\n"),
    );
    written.push(file);
  }
  const index = join(dir, "changelog.md");
  writeFileSync(
    index,
    [
      "---",
      "title: Changelog",
      "children:",
      ...logs.map((l) => `  - ./changelog/${l.dir}.md`),
      "---",
      "",
      "# Changelog",
      "",
      "One page per published package: its `CHANGELOG.md` as `changeset version` writes it, rendered at",
      "docs build time in a temporary copy of the repository, so the next release's entries (from the",
      "pending `.changeset/*.md`) show before they are released (see `docs/README.md`).",
      "",
      "| Package | Version | Next release |",
      "| --- | --- | --- |",
      ...logs.map(
        (l) =>
          `| [\`${l.name}\`](./changelog/${l.dir}.md) | ${l.version} | ${l.nextVersion === l.version ? "no pending change" : l.nextVersion} |`,
      ),
      "",
    ].join("\n"),
  );
  return [index, ...written];
}
