// Launches Debian's headless Chromium through puppeteer-core, with the flags this closed network
// needs (without the background-networking ones its connections are refused) and a fresh profile.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumAvailable() {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: run scripts/ensure-chromium.sh (root \`pnpm test\` does) or set CHROMIUM_PATH`,
    );
  }
  return false;
}

export async function launchChromium() {
  const userDataDir = mkdtempSync(join(tmpdir(), "nhub-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    userDataDir,
    args: ARGS,
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
