// TypeDoc plugin: opens each public package's reference page (every module of the package,
// `@nhub/core/testing` included) with a link to the package's page in the Changelog group
// (scripts/changelog.mjs writes those pages).
import { JSX, ReflectionKind } from "typedoc";
import { publicEntryPoints } from "./entry-points.mjs";

/** @param {import("typedoc").Application} app */
export function load(app) {
  const packageOf = new Map(publicEntryPoints().map((e) => [e.specifier, e.packageName]));
  app.renderer.hooks.on("content.begin", (context) => {
    const model = context.page.model;
    if (!model?.kindOf?.(ReflectionKind.Module)) return JSX.createElement(JSX.Fragment, null);
    const packageName = packageOf.get(model.name);
    const page = model.project
      .getReflectionsByKind(ReflectionKind.Document)
      .find((doc) => doc.name === packageName && doc.parent?.name === "Changelog");
    if (!packageName || !page) {
      throw new Error(`no Changelog page for the module ${model.name} (scripts/changelog.mjs)`);
    }
    return JSX.createElement(
      "p",
      { class: "nhub-changelog-link" },
      JSX.createElement("a", { href: context.urlTo(page) }, `Changelog of ${packageName}`),
    );
  });
}
