const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads a time as the service writes it: with or without `Z`, with 0 to 7 fraction digits, or
 * with an offset (`-08:00`). A time without a zone is UTC. Undefined when `text` is not one.
 */
export function parseServiceTime(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const match = ISO.exec(text.trim());
  if (!match) return undefined;
  const fraction = (match[2] ?? "").slice(0, 3).padEnd(3, "0");
  const date = new Date(`${match[1]}.${fraction}${match[3] ?? "Z"}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** True when `text` is an ISO-8601 date-time that {@link parseServiceTime} reads. */
export function isServiceTime(text: string): boolean {
  return parseServiceTime(text) !== undefined;
}
