// Derives the TypeDoc entry points from each public package's package.json `exports`, so a new
// package or subpath (e.g. `@nhub/opentelemetry`) is documented without editing this list.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** First `types` path found in an `exports` condition tree, preferring the `node` condition. */
function typesPath(target) {
  if (typeof target === "string") return target.endsWith(".d.ts") ? target : undefined;
  if (target === null || typeof target !== "object") return undefined;
  if (typeof target.types === "string") return target.types;
  for (const key of ["node", "import", "default", ...Object.keys(target)]) {
    const found = typesPath(target[key]);
    if (found) return found;
  }
  return undefined;
}

/** Maps `./dist/<name>.d.ts` to `src/<name>.ts` or `src/<name>/index.ts`. */
function sourceFor(pkgDir, types) {
  const name = basename(types).replace(/\.d\.[cm]?ts$/, "");
  for (const candidate of [`src/${name}.ts`, `src/${name}/index.ts`]) {
    if (existsSync(join(pkgDir, candidate))) return join(pkgDir, candidate);
  }
  throw new Error(`${pkgDir}: no source file for the export types ${types}`);
}

/** `[{ specifier: "@nhub/core/testing", packageName: "@nhub/core", source: "/abs/packages/core/src/testing/index.ts" }, ...]` */
export function publicEntryPoints() {
  const out = [];
  const packagesDir = join(repoRoot, "packages");
  for (const dir of readdirSync(packagesDir).sort()) {
    const pkgDir = join(packagesDir, dir);
    const manifestPath = join(pkgDir, "package.json");
    if (!existsSync(manifestPath)) continue;
    const pkg = JSON.parse(readFileSync(manifestPath, "utf8"));
    if (pkg.private || !pkg.exports) continue;
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const types = typesPath(target);
      if (!types) continue;
      const specifier = subpath === "." ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, "")}`;
      out.push({ specifier, packageName: pkg.name, source: sourceFor(pkgDir, types) });
    }
  }
  return out;
}
