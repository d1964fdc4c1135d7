import type { OutputStream } from "./io.js";

/** Draws `[#####-----] sent/total label` in place on a terminal stream. */
export interface ProgressBar {
  update(sent: number, total: number): void;
  /** Ends the line so later output starts on its own line. */
  done(): void;
}

const WIDTH = 30;

/** A progress bar on `stream`; when it is not a terminal, nothing is drawn. */
export function createProgressBar(stream: OutputStream, label: string): ProgressBar {
  const enabled = stream.isTTY === true;
  let drawn = false;
  return {
    update(sent, total) {
      if (!enabled) return;
      const filled = total === 0 ? WIDTH : Math.round((sent / total) * WIDTH);
      stream.write(
        `\r[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${sent}/${total} ${label}`,
      );
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\n");
      drawn = false;
    },
  };
}
