import { once } from "node:events";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumAvailable, launchChromium } from "@nhub/test-chromium";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../scripts/entry-points.mjs";
import { createStaticServer } from "../scripts/static-server.mjs";
import { adapterFormats } from "./adapter-formats.js";
import { missingAnchors, recordFragment } from "./anchors.js";

// The built docs/site (the `build` turbo task runs first, docs/turbo.json) opened in headless
// Chromium over a 127.0.0.1 static server: pages render, and every link of the rendered DOM
// (including the navigation tree TypeDoc's script builds) resolves.
const server = createStaticServer(fileURLToPath(new URL("../site/", import.meta.url)));
let origin = "";
let browser: Browser;
let closeBrowser = async () => {};

describe.runIf(chromiumAvailable())("the built site in Chromium", () => {
  beforeAll(async () => {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const launched = await launchChromium();
    browser = launched.browser;
    closeBrowser = launched.close;
  });
  afterAll(async () => {
    await closeBrowser();
    await new Promise<void>((done) => server.close(() => done()));
  });

  /** Opens `path`, collecting failed sub-resources; resolves once TypeDoc's navigation is drawn. */
  async function open(page: Page, path: string, failures: string[]): Promise<number> {
    const onResponse = (res: { status(): number; url(): string }) => {
      if (res.status() >= 400) failures.push(`${res.url()} (${res.status()}) from ${path}`);
    };
    page.on("response", onResponse);
    try {
      const res = await page.goto(origin + path, { waitUntil: "load" });
      if (page.isJavaScriptEnabled() && (await page.$("#tsd-nav-container")))
        await page.waitForSelector("#tsd-nav-container a", { timeout: 10_000 });
      return res?.status() ?? 0;
    } finally {
      page.off("response", onResponse);
    }
  }

  async function headings(path: string): Promise<string[]> {
    const page = await browser.newPage();
    try {
      expect(await open(page, path, [])).toBe(200);
      return await page.$$eval("h1, h2", (els) => els.map((e) => (e.textContent ?? "").trim()));
    } finally {
      await page.close();
    }
  }

  it("renders the home page, the @nhub/core reference and the migration guide with their headings", async () => {
    expect(await headings("/index.html")).toEqual(
      expect.arrayContaining(["nhub", "Install", "A first send", "Where to go next"]),
    );
    const core = await headings("/modules/_nhub_core.html");
    expect(core).toEqual(expect.arrayContaining(["Module @nhub/core", "Functions", "Classes"]));
    const migration = await headings("/documents/Migrating_from__azure_notification-hubs.html");
    expect(migration[0]).toMatch(/^Migrating from @azure\/notification-hubs/);
    expect(migration).toEqual(expect.arrayContaining([expect.stringMatching(/Before and after/)]));
  });

  /** The navigation tree drawn by TypeDoc's script: each entry's text and its children's. */
  async function navigation(path: string): Promise<Array<{ text: string; children: string[] }>> {
    const page = await browser.newPage();
    try {
      expect(await open(page, path, [])).toBe(200);
      return await page.$$eval("#tsd-nav-container a", (els) =>
        els.map((a) => {
          const item = a.closest("li");
          const list = item?.querySelector(":scope > details > .tsd-accordion-details > ul");
          const children = list
            ? Array.from(
                list.querySelectorAll(":scope > li > a, :scope > li > details > summary > a"),
              )
            : [];
          return {
            text: (a.textContent ?? "").trim(),
            children: children.map((c) => (c.textContent ?? "").trim()),
          };
        }),
      );
    } finally {
      await page.close();
    }
  }

  it("lists a page per platform format under Platforms in the navigation drawn on the home page", async () => {
    // The formats come from the platform packages' adapter factories, not from the guide.
    const formats = (await adapterFormats()).map((a) => a.format);
    expect(formats).toEqual(expect.arrayContaining(["apple", "fcmv1", "windows", "template"]));
    const nav = await navigation("/index.html");
    for (const title of ["Platforms", "Changelog", "The nhub command"])
      expect(nav.map((n) => n.text)).toContain(title);
    const platforms = nav.find((n) => n.text === "Platforms")?.children ?? [];
    expect(platforms.map((t) => /\((\w+)\)$/.exec(t)?.[1]).sort()).toEqual([...formats].sort());
  });

  it("lists a changelog page per public package under Changelog in the navigation", async () => {
    const packages = readdirSync(join(repoRoot, "packages"))
      .map((dir) => join(repoRoot, "packages", dir, "package.json"))
      .filter(existsSync)
      .map((file) => JSON.parse(readFileSync(file, "utf8")) as { name: string; private?: boolean })
      .filter((pkg) => !pkg.private)
      .map((pkg) => pkg.name);
    expect(packages).toContain("@nhub/core");
    const nav = await navigation("/documents/Getting_started.html");
    const changelog = nav.find((n) => n.text === "Changelog")?.children ?? [];
    expect([...changelog].sort()).toEqual([...packages].sort());
  });

  // TypeDoc's script draws the same navigation tree on every page, its links relative to the
  // page's folder (`data-base`): it is rendered, and its links collected, on the first page of each
  // folder; the other pages are rendered without scripts (their DOM is then the served HTML),
  // which keeps the crawl of 300+ pages within a minute on two cores.
  it("resolves every internal link found in the rendered DOM of every page", async () => {
    const seen = new Set<string>(["/index.html"]);
    const queue = ["/index.html"];
    const scripted = new Set<string>();
    const broken: string[] = [];
    const fragments = new Map<string, Map<string, string>>();
    let pages = 0;
    // One tab (a second, background tab never fires `load` in headless Chromium here).
    const page = await browser.newPage();
    try {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        if (!path.endsWith(".html")) {
          const res = await fetch(origin + path);
          if (res.status !== 200) broken.push(`${path} (${res.status})`);
          continue;
        }
        const folder = path.slice(0, path.lastIndexOf("/") + 1);
        await page.setJavaScriptEnabled(!scripted.has(folder));
        scripted.add(folder);
        const status = await open(page, path, broken);
        pages++;
        if (status !== 200) {
          broken.push(`${path} (${status})`);
          continue;
        }
        const refs = await page.$$eval("a[href], link[href], script[src], img[src]", (els) =>
          els.map((e) => (e as HTMLAnchorElement).href || (e as HTMLScriptElement).src),
        );
        for (const ref of refs) {
          const url = new URL(ref);
          if (url.origin !== origin) continue;
          recordFragment(fragments, url, path);
          if (seen.has(url.pathname)) continue;
          seen.add(url.pathname);
          queue.push(url.pathname);
        }
      }
    } finally {
      await page.close();
    }
    expect(broken).toEqual([]);
    expect(await missingAnchors(origin, fragments)).toEqual([]);
    expect(fragments.size).toBeGreaterThan(50);
    expect(scripted.size).toBeGreaterThan(5);
    expect(pages).toBeGreaterThan(250);
  }, 300_000);
});
