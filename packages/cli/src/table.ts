import type { Colors } from "./io.js";

/**
 * Renders rows as a plain-text table with a header line and a rule below it. Cells are padded
 * before colouring, so widths stay right with colour on.
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  color: Colors,
  indent = "  ",
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  const out = [
    indent + color.bold(line(headers)),
    indent + color.dim(widths.map((width) => "-".repeat(width)).join("  ")),
    ...rows.map((row) => indent + line(row)),
  ];
  return out.join("\n");
}
