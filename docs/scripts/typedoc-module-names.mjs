// TypeDoc plugin: names each module after the import specifier users write (`@nhub/core/testing`)
// instead of the source path (`core/src/testing`).
import { Converter, ReflectionKind } from "typedoc";
import { publicEntryPoints } from "./entry-points.mjs";

/** @param {import("typedoc").Application} app */
export function load(app) {
  const bySource = new Map(publicEntryPoints().map((e) => [e.source, e.specifier]));
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile();
    const specifier = file && bySource.get(file.fileName);
    if (specifier) reflection.name = specifier;
  });
}
