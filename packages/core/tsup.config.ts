import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("./package.json", "utf8")) as { version: string };

export default defineConfig({
  entry: {
    "index.node": "src/index.node.ts",
    "index.web": "src/index.web.ts",
    testing: "src/testing/index.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  external: ["undici", "vitest"],
  define: { __NHUB_VERSION__: JSON.stringify(version) },
});
