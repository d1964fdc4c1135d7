import type { Browser } from "puppeteer-core";

/** The Chromium the browser tests drive: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export declare const CHROMIUM_PATH: string;

/**
 * True when Chromium is installed. Without it a browser test is skipped locally, but on CI
 * (`CI` set) this throws, naming `scripts/ensure-chromium.sh`, so the suite fails instead of
 * passing silently.
 */
export declare function chromiumAvailable(): boolean;

/** A headless Chromium with a fresh profile; `close()` also removes the profile. */
export declare function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }>;
