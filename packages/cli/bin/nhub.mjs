#!/usr/bin/env node
// The `nhub` command. A committed launcher, so package managers can link the bin before the
// package is built; the code is in ../dist/bin.js (built by `tsup`).
await import("../dist/bin.js").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && /dist[\\/]bin\.js/.test(String(error.message))) {
    console.error(
      "nhub: packages/cli is not built yet; run `pnpm build` (or `npx tsup` in packages/cli) first",
    );
    process.exit(1);
  }
  throw error;
});
