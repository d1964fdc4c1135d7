import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startDevServer } from "../scripts/dev-server.mjs";

const dirs: string[] = [];
const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) await new Promise((done) => server.close(done));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function serve(siteDir: string, build: () => void) {
  const server: Server = await startDevServer({ siteDir, port: 0, build });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe("pnpm docs:dev", () => {
  it("builds the site when index.html is missing, then serves it", async () => {
    const site = mkdtempSync(join(tmpdir(), "nhub-docs-dev-"));
    dirs.push(site);
    let builds = 0;
    const url = await serve(site, () => {
      builds++;
      writeFileSync(join(site, "index.html"), "<h1>built</h1>");
    });
    expect(builds).toBe(1);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("<h1>built</h1>");
  });

  it("serves a built site without building it again", async () => {
    const site = mkdtempSync(join(tmpdir(), "nhub-docs-dev-"));
    dirs.push(site);
    writeFileSync(join(site, "index.html"), "<h1>there</h1>");
    let builds = 0;
    const url = await serve(site, () => {
      builds++;
    });
    expect(builds).toBe(0);
    expect(await (await fetch(url)).text()).toBe("<h1>there</h1>");
  });

  it("fails when the build leaves no index.html", async () => {
    const site = mkdtempSync(join(tmpdir(), "nhub-docs-dev-"));
    dirs.push(site);
    await expect(startDevServer({ siteDir: site, port: 0, build: () => {} })).rejects.toThrow(
      /index\.html is still missing after the build/,
    );
  });
});
