import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  esbuildOptions(options, context) {
    // static-files.ts reads `__dirname` in the CJS build and `import.meta.url` only in the ESM one,
    // so esbuild's "import.meta is empty in CJS" warning does not apply.
    if (context.format === "cjs") {
      options.logOverride = { ...options.logOverride, "empty-import-meta": "silent" };
    }
  },
});
