// Launches Debian's headless Chromium through puppeteer-core for the browser tests of the site.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";

/** The Chromium binary the tests drive (`CHROMIUM_PATH` to override). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Whether the browser tests can run. Without Chromium they are skipped locally, but on CI
 * (`CI` set) a missing Chromium is an error: `scripts/ensure-chromium.sh` installs it.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI)
    throw new Error(
      `Chromium is missing at ${chromiumPath}: run scripts/ensure-chromium.sh (root \`pnpm test\` does) or set CHROMIUM_PATH`,
    );
  return false;
}

/** A headless Chromium with a fresh profile; `close()` also deletes the profile. */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), "nhub-docs-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    userDataDir,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
