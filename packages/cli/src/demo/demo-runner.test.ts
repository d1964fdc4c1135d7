import { describe, expect, it } from "vitest";
import { createCli } from "../io.js";
import { sendStep } from "./demo-context.js";
import { runDemo } from "./demo-runner.js";

function captureCli() {
  let text = "";
  const stream = {
    isTTY: false,
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
  };
  return { cli: createCli({ stdout: stream, stderr: stream, env: {} }), output: () => text };
}

const BADGE = '<badge value="1"/>';

describe("runDemo", () => {
  it("reports a step that reached other devices than expected, and one that threw", async () => {
    const { cli, output } = captureCli();
    const ok = await runDemo(cli, [
      sendStep({
        title: "expects too little",
        code: "client.send(...)",
        format: "windows",
        payload: BADGE,
        expected: ["win-anna"],
      }),
      {
        title: "throws",
        code: "client.send(...)",
        run: async () => {
          throw new Error("boom SharedAccessKey=abc123");
        },
      },
      sendStep({
        title: "passes",
        code: "client.send(...)",
        format: "windows",
        payload: BADGE,
        options: { tags: "politics" },
        expected: ["win-bruno", "win-chen"],
      }),
    ]);
    expect(ok).toBe(false);
    const text = output();
    expect(text).toContain(
      "✗ expected deliveries to win-anna; got win-anna, win-bruno, win-chen, win-dev",
    );
    expect(text).toContain("✗ Error: boom SharedAccessKey=<redacted>");
    expect(text).toContain("1 of 3 steps behaved as expected");
    expect(text).not.toContain("abc123");
  });
});
