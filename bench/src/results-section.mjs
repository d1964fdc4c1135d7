// Marked sections of RESULTS.md that the extra benches (campaign, observability, delivery-log)
// write, each between `<!-- name:start -->` and `<!-- name:end -->`. `pnpm bench` (report.mjs)
// keeps them when it rewrites the file.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

export const RESULTS = fileURLToPath(new URL("../RESULTS.md", import.meta.url));
/** The sections, in the order they appear (before the hand-written notes). */
export const SECTIONS = ["campaign", "observability", "delivery-log"];
const NOTES_START = "<!-- notes:start -->";

const marks = (name) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];

/** The text of section `name` in `text` with its marks, or undefined. */
export function readSection(text, name) {
  const [start, end] = marks(name);
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  return from >= 0 && to > from ? text.slice(from, to + end.length) : undefined;
}

/** Every extra section found in `text`, in SECTIONS order, joined for report.mjs to re-insert. */
export function keptSections(text) {
  return SECTIONS.map((name) => readSection(text, name))
    .filter(Boolean)
    .join("\n\n");
}

/** Replaces (or adds, before the notes) section `name` of RESULTS.md with `body`. */
export function writeSection(name, body) {
  const [start, end] = marks(name);
  const block = `${start}\n${body.trim()}\n${end}`;
  const text = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8") : "";
  const old = readSection(text, name);
  let next;
  if (old) next = text.replace(old, () => block);
  else {
    const notes = text.indexOf(NOTES_START);
    next =
      notes >= 0
        ? `${text.slice(0, notes)}${block}\n\n${text.slice(notes)}`
        : `${text.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(RESULTS, next);
  return RESULTS;
}

/** Machine, Node, date and load average lines for a section's head. */
export function machineLines(loadBefore = loadavg()) {
  const cpu = cpus();
  return [
    `- Machine: ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, Node.js ${process.version}`,
    `- Date: ${new Date().toISOString()}; load average before: ${loadBefore.map((n) => n.toFixed(2)).join(" ")}, after: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")}`,
  ];
}

/** Bytes as MiB with two decimals. */
export const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
