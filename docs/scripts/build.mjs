// Builds the site: writes the generated pages (docs/.generated: the `nhub` command reference), then `typedoc` with ./typedoc.config.mjs; exits non-zero on any warning.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeChangelog } from "./changelog.mjs";
import { writeCliReference } from "./cli-reference.mjs";

const docsDir = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(
  dirname(createRequire(import.meta.url).resolve("typedoc/package.json")),
  "bin",
  "typedoc",
);
writeCliReference(join(docsDir, ".generated"));
writeChangelog(join(docsDir, ".generated"));
const result = spawnSync(process.execPath, [bin, "--options", "typedoc.config.mjs"], {
  cwd: docsDir,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
