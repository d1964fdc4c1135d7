// Writes the Changelog page (docs/.generated/changelog.md) from the pending changesets: copies the
// workspace manifests and .changeset/ into a temporary folder, runs `changeset version` THERE
// (never in the working tree, so the repo's pending changesets are not consumed), and gathers
// each public package's rendered CHANGELOG.md, headings moved one level down.
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

/** Each public package's upcoming CHANGELOG.md text: `[{ name, changelog }]`, by folder name. */
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
      const pkg = JSON.parse(readFileSync(join(copy, "packages", dir, "package.json"), "utf8"));
      const changelog = join(copy, "packages", dir, "CHANGELOG.md");
      if (pkg.private) continue;
      result.push({
        name: pkg.name,
        changelog: existsSync(changelog)
          ? readFileSync(changelog, "utf8")
          : `# ${pkg.name}\n\nNo changes yet.\n`,
      });
    }
    return result;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Writes `changelog.md` into `dir` and returns its path. */
export function writeChangelog(dir) {
  mkdirSync(dir, { recursive: true });
  const parts = [
    "---",
    "title: Changelog",
    "---",
    "",
    "# Changelog",
    "",
    "Each package's next release, rendered by `changeset version` from the pending `.changeset/*.md`",
    "at docs build time (in a temporary copy of the repository; see `docs/README.md`).",
    "",
  ];
  for (const { changelog } of upcomingChangelogs())
    parts.push(changelog.replace(/^(#+) /gm, "#$1 ").trim(), "");
  const file = join(dir, "changelog.md");
  writeFileSync(file, parts.join("\n"));
  return file;
}
