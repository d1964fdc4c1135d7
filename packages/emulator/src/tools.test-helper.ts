import { execFileSync } from "node:child_process";

/**
 * Whether the tests that run `command` (curl, python3) should run: true when `command --version`
 * works, and always under `CI=true`, where every machine has the tool and a missing one must fail
 * those tests instead of skipping them. Otherwise warns that `skipped` are skipped.
 */
export function runsWith(command: string, skipped: string): boolean {
  try {
    execFileSync(command, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    if (process.env.CI === "true") return true;
    console.warn(`${command} not found: ${skipped} are skipped`);
    return false;
  }
}
