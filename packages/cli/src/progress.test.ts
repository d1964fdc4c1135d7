import { describe, expect, it } from "vitest";
import { createProgressBar } from "./progress.js";

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (text: string) => chunks.push(text) };
}

describe("createProgressBar", () => {
  it("draws in place on a terminal and ends the line when done", () => {
    const tty = stream(true);
    const bar = createProgressBar(tty, "handles");
    bar.update(1000, 2500);
    bar.update(2500, 2500);
    bar.done();
    expect(tty.chunks).toEqual([
      `\r[${"#".repeat(12)}${"-".repeat(18)}] 1000/2500 handles`,
      `\r[${"#".repeat(30)}] 2500/2500 handles`,
      "\n",
    ]);
  });

  it("draws nothing when the stream is not a terminal", () => {
    const pipe = stream(false);
    const bar = createProgressBar(pipe, "handles");
    bar.update(1, 2);
    bar.done();
    expect(pipe.chunks).toEqual([]);
  });
});
