import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaticServer } from "../scripts/static-server.mjs";
import { missingAnchors, recordFragment } from "./anchors.js";

// Runs after the `build` turbo task (docs/turbo.json), over the built docs/site.
const server = createStaticServer(fileURLToPath(new URL("../site/", import.meta.url)));
let origin = "";
beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

async function page(path: string): Promise<string> {
  const res = await fetch(origin + path);
  expect(res.status, path).toBe(200);
  return res.text();
}

describe("the built site", () => {
  it("renders the home page, a reference page and the migration guide", async () => {
    expect(await page("/index.html")).toContain("<h1");
    expect(await page("/modules/_nhub_core.html")).toContain("@nhub/core");
    expect(await page("/documents/Migrating_from__azure_notification-hubs.html")).toContain(
      "Before and after",
    );
  });

  it("opens on a user landing page that links to the guides, reference, platforms, command, changelog and migration", async () => {
    const home = await page("/index.html");
    expect(home).toContain("A first send");
    expect(home).not.toContain("Changelog: one page per package, rendered"); // contributor notes stay in docs/README.md
    for (const target of [
      "documents/Getting_started.html",
      "documents/Concepts.html",
      "documents/Testing_with_the_emulator.html",
      "documents/Production.html",
      "documents/Platforms.html",
      "documents/Migrating_from__azure_notification-hubs.html",
      "documents/The_nhub_command.html",
      "documents/Changelog.html",
      "documents/The_web_build.html",
      "modules/_nhub_core.html",
    ])
      expect(home, target).toContain(`href="${target}"`);
  });

  it("has no broken internal link on any page, and every #fragment names an element of its page", async () => {
    const seen = new Set<string>(["/index.html"]);
    const queue = ["/index.html"];
    const broken: string[] = [];
    const fragments = new Map<string, Map<string, string>>();
    while (queue.length > 0) {
      const path = queue.shift() as string;
      const res = await fetch(origin + path);
      if (res.status !== 200) {
        broken.push(`${path} (${res.status})`);
        continue;
      }
      if (!path.endsWith(".html")) continue;
      const html = await res.text();
      for (const [, ref] of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
        const url = new URL((ref as string).replace(/&amp;/g, "&"), origin + path);
        if (url.origin !== origin) continue;
        recordFragment(fragments, url, path);
        if (seen.has(url.pathname)) continue;
        seen.add(url.pathname);
        queue.push(url.pathname);
      }
    }
    expect(broken).toEqual([]);
    expect(seen.size).toBeGreaterThan(50);
    // Headings of the guides, members of the reference, the icons of assets/icons.svg.
    expect(fragments.get("/documents/Concepts.html")?.size).toBeGreaterThan(3);
    expect(fragments.get("/assets/icons.svg")?.size).toBeGreaterThan(10);
    expect(await missingAnchors(origin, fragments)).toEqual([]);
  });
});
