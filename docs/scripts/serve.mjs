// `pnpm docs:dev`: serves docs/site on http://127.0.0.1:4173/ (PORT to change), building it first
// (like `pnpm run docs`) when docs/site/index.html is missing.
import { fileURLToPath } from "node:url";
import { startDevServer } from "./dev-server.mjs";

const server = await startDevServer({
  siteDir: fileURLToPath(new URL("../site/", import.meta.url)),
  port: Number(process.env.PORT ?? 4173),
});
console.log(`nhub docs on http://127.0.0.1:${server.address().port}/`);
