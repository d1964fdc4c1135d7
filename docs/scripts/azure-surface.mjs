// Lists the public surface of `@azure/notification-hubs` from its own .d.ts files: every function
// exported by its `/api` entry and every method of `NotificationHubsClient`. The migration guide's
// table is checked against this list (test/migration-table.test.ts).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ts from "typescript";

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("@azure/notification-hubs/package.json"));

function program(entry) {
  const p = ts.createProgram([entry], { skipLibCheck: true, noEmit: true, types: [] });
  const checker = p.getTypeChecker();
  const file = p.getSourceFile(entry);
  if (!file) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(file);
  if (!moduleSymbol) throw new Error(`${entry} is not a module`);
  return { checker, exports: checker.getExportsOfModule(moduleSymbol) };
}

function resolved(checker, symbol) {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** Names of the functions exported by `@azure/notification-hubs/api`, sorted. */
export function azureApiFunctions() {
  const { checker, exports } = program(join(pkgDir, "dist/esm/api/index.d.ts"));
  return exports
    .filter((s) => resolved(checker, s).flags & ts.SymbolFlags.Function)
    .map((s) => s.name)
    .sort();
}

/** Names of the public methods of `NotificationHubsClient`, sorted. */
export function azureClientMethods() {
  const { checker, exports } = program(join(pkgDir, "dist/esm/index.d.ts"));
  const cls = exports.find((s) => s.name === "NotificationHubsClient");
  if (!cls) throw new Error("NotificationHubsClient is not exported");
  const type = checker.getDeclaredTypeOfSymbol(resolved(checker, cls));
  return checker
    .getPropertiesOfType(type)
    .filter((p) => p.flags & ts.SymbolFlags.Method)
    .filter((p) => !(ts.getCombinedModifierFlags(p.declarations[0]) & ts.ModifierFlags.Private))
    .map((p) => p.name)
    .sort();
}
