import { execFileSync } from "node:child_process";
import { lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** Packages (directories holding a package.json) and bytes of every file under node_modules. */
export function footprint(nodeModules) {
  let packages = 0;
  let bytes = 0;
  const walk = (dir, isPackageRoot) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (isPackageRoot && entry.name === ".bin") continue;
        if (entry.name === "node_modules") walk(path, true);
        else if (isPackageRoot && entry.name.startsWith("@")) walk(path, true);
        else {
          if (isPackageRoot) packages++;
          walk(path, false);
        }
      } else {
        bytes += lstatSync(path).size;
      }
    }
  };
  walk(nodeModules, true);
  return { packages, bytes };
}

const npm = (args, cwd) =>
  execFileSync("npm", args, { cwd, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });

/** Installs `specs` into an empty project and measures its node_modules. */
function installInto(specs) {
  const dir = mkdtempSync(join(tmpdir(), "nhub-bench-install-"));
  try {
    writeFileSync(join(dir, "package.json"), '{ "name": "footprint", "private": true }\n');
    npm(["install", "--no-audit", "--no-fund", "--ignore-scripts", "--omit=dev", ...specs], dir);
    return footprint(join(dir, "node_modules"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Install footprint of @nhub/core + @nhub/wns (their packed tarballs: `pnpm pack` turns the
 * `workspace:` ranges into versions as publishing does) against `@azure/notification-hubs@version`.
 * Needs the npm registry (for undici and the official SDK).
 */
export function measureInstall(azureVersion) {
  const packs = mkdtempSync(join(tmpdir(), "nhub-bench-packs-"));
  try {
    const tarballs = ["core", "wns"].map((name) => {
      const out = execFileSync("npx", ["--yes", "pnpm@10", "pack", "--pack-destination", packs], {
        cwd: join(ROOT, "packages", name),
        stdio: ["ignore", "pipe", "pipe"],
        encoding: "utf8",
      });
      const file = out.trim().split("\n").pop().trim();
      return file.startsWith("/") ? file : join(packs, file);
    });
    return {
      nhub: installInto(tarballs),
      azure: installInto([`@azure/notification-hubs@${azureVersion}`]),
    };
  } finally {
    rmSync(packs, { recursive: true, force: true });
  }
}
