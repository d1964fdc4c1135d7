// `pnpm docs:dev`: serves docs/site on http://127.0.0.1:4173/ (PORT to change). Build it first.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createStaticServer } from "./static-server.mjs";

const root = fileURLToPath(new URL("../site/", import.meta.url));
if (!existsSync(join(root, "index.html"))) {
  console.error("docs/site/index.html is missing: run `pnpm docs` first.");
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4173);
createStaticServer(root).listen(port, "127.0.0.1", () => {
  console.log(`nhub docs on http://127.0.0.1:${port}/`);
});
