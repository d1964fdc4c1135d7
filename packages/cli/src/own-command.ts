import { basename, isAbsolute, relative } from "node:path";

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * How to run this same `nhub` again from `cwd`, as a shell command: `nhub` when it was started
 * through a `nhub` link on the PATH, else `node <path of the script>` (e.g. in a clone,
 * `node packages/cli/bin/nhub.mjs`), so printed hints work as printed.
 */
export function ownCommand(script: string | undefined, cwd: string): string {
  if (script === undefined || script === "") return "nhub";
  if (/^nhub(\.cmd|\.ps1)?$/i.test(basename(script))) return "nhub";
  const path = isAbsolute(script) ? relative(cwd, script) || script : script;
  return `node ${shellQuote(path.startsWith("..") ? script : path)}`;
}
