// TypeDoc configuration for the nhub site: API reference for every public entry point plus the
// guides (projectDocuments). Any warning fails the build.
import { publicEntryPoints } from "./scripts/entry-points.mjs";

const entries = publicEntryPoints();

/**
 * What makes the build fail: any warning, an undocumented export, a broken `{@link}` or relative
 * link. Shared with test/typedoc-validation.test.ts, which runs TypeDoc with exactly these on
 * fixtures that break each rule.
 */
export const validationOptions = {
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  // Every export must be documented; members (properties, enum members) are not yet required:
  // 270+ wire-shaped payload fields are self-describing and documented by their parent type.
  requiredToBeDocumented: [
    "Enum",
    "Variable",
    "Function",
    "Class",
    "Interface",
    "TypeAlias",
    "Method",
    "Accessor",
  ],
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
  validation: { notExported: true, notDocumented: true, invalidLink: true, rewrittenLink: true },
};

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  name: "nhub",
  entryPoints: entries.map((e) => e.source),
  entryPointStrategy: "resolve",
  tsconfig: "./tsconfig.typedoc.json",
  // Resolve `@nhub/*` imports to the sources, so cross-package types link inside the site.
  compilerOptions: {
    paths: Object.fromEntries(entries.map((e) => [e.specifier, [e.source]])),
  },
  plugin: ["./scripts/typedoc-module-names.mjs", "./scripts/typedoc-changelog-links.mjs"],
  readme: "./home.md",
  // Listed in reading order (TypeDoc keeps documents in the order given); the generated pages
  // (command reference, changelogs) come last.
  projectDocuments: [
    ...["getting-started", "concepts", "platforms", "testing-with-the-emulator", "production"],
    ...["writing-an-adapter", "migration-from-azure-notification-hubs", "web-build"],
  ]
    .map((name) => `./guides/${name}.md`)
    .concat("./.generated/*.md"),
  out: "./site",
  theme: "default",
  highlightLanguages: [
    ...["bash", "console", "css", "html", "javascript", "json", "jsonc", "json5", "yaml", "tsx"],
    ...["typescript", "python", "xml"],
  ],
  ...validationOptions,
  // Every public package (not just this one) must document each export.
  packagesRequiringDocumentation: [...new Set(entries.map((e) => e.packageName))],
  // The site is read locally or from CI artifacts: no links to a git host.
  disableSources: true,
  githubPages: false,
  hideGenerator: true,
};
