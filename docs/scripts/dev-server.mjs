// The `pnpm docs:dev` server: builds the site first when docs/site/index.html is missing, then
// serves it on 127.0.0.1 (scripts/static-server.mjs).
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./entry-points.mjs";
import { createStaticServer } from "./static-server.mjs";

/**
 * Builds the site the way `pnpm run docs` does: the root `docs` script's turbo command (so the
 * documented packages are built first), run with the workspace's turbo.
 */
export function buildSite() {
  const script = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).scripts.docs;
  const [command, ...args] = script.split(/\s+/);
  if (command !== "turbo")
    throw new Error(`the root docs script is not a turbo command: ${script}`);
  console.log(`docs/site is not built yet: ${script}`);
  const out = spawnSync(
    process.execPath,
    [join(repoRoot, "node_modules/turbo/bin/turbo"), ...args],
    {
      cwd: repoRoot,
      stdio: "inherit",
    },
  );
  if (out.status !== 0)
    throw new Error(
      `building the site failed (${script}); run \`pnpm docs:dev\` from the repository root, so turbo finds pnpm`,
    );
}

/**
 * Serves `siteDir` on 127.0.0.1:`port` (0: any free port), calling `build` first when
 * `siteDir/index.html` is missing. Resolves to the listening `http.Server` once it listens.
 */
export async function startDevServer({ siteDir, port, build = buildSite }) {
  if (!existsSync(join(siteDir, "index.html"))) {
    await build();
    if (!existsSync(join(siteDir, "index.html")))
      throw new Error(`${join(siteDir, "index.html")} is still missing after the build`);
  }
  const server = createStaticServer(siteDir);
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return server;
}
