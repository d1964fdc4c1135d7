import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { repoRoot } from "../scripts/entry-points.mjs";

/** A notification format and the adapter factory of a platform package that sends it. */
export interface AdapterFormat {
  format: string;
  packageName: string;
  factory: string;
}

/**
 * The formats of the platform packages, read from the packages themselves: for each public
 * package of packages/* (its package.json), the exported functions whose declared return type is
 * a notification adapter (`specificationVersion`, `format`, `prepare`) and that take no required
 * argument; each is called (from the built package) to read its `format`.
 */
export async function adapterFormats(): Promise<AdapterFormat[]> {
  const found: AdapterFormat[] = [];
  for (const dir of readdirSync(join(repoRoot, "packages")).sort()) {
    const manifestPath = join(repoRoot, "packages", dir, "package.json");
    if (!existsSync(manifestPath)) continue;
    const pkg = JSON.parse(readFileSync(manifestPath, "utf8"));
    const types = pkg.exports?.["."]?.import?.types;
    if (pkg.private || typeof types !== "string") continue;
    const entry = join(repoRoot, "packages", dir, types);
    const program = ts.createProgram([entry], { skipLibCheck: true, noEmit: true, types: [] });
    const checker = program.getTypeChecker();
    const file = program.getSourceFile(entry);
    const moduleSymbol = file && checker.getSymbolAtLocation(file);
    if (!moduleSymbol) throw new Error(`${entry}: not a module (build the package first)`);
    const factories = checker.getExportsOfModule(moduleSymbol).filter((symbol) => {
      const type = checker.getTypeOfSymbol(symbol);
      return type.getCallSignatures().some((signature) => {
        const returns = checker.getReturnTypeOfSignature(signature);
        const required = signature.parameters.filter((p) => {
          const decl = p.valueDeclaration;
          return decl && ts.isParameter(decl) && !decl.questionToken && !decl.initializer;
        });
        return (
          required.length === 0 &&
          ["specificationVersion", "format", "prepare"].every((key) => returns.getProperty(key))
        );
      });
    });
    if (factories.length === 0) continue;
    const mod: Record<string, () => { format: string }> = await import(pkg.name);
    for (const { name } of factories) {
      found.push({
        format: (mod[name] as () => { format: string })().format,
        packageName: pkg.name,
        factory: name,
      });
    }
  }
  return found;
}
