import { startEmulator } from "@nhub/emulator";
import { describe, expect, it } from "vitest";
import { run } from "./index.js";
import type { OutputStream } from "./io.js";

function capture(isTTY: boolean): OutputStream & { text: string } {
  return {
    isTTY,
    text: "",
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

const TOAST =
  '<toast><visual><binding template="ToastText01"><text id="1">Hi</text></binding></visual></toast>';

describe("run(argv, io)", () => {
  it("sends in-process and returns the exit status", async () => {
    const emulator = await startEmulator({
      installations: [
        { installationId: "w", platform: "wns", pushChannel: "https://wns.example/w" },
      ],
    });
    try {
      const stdout = capture(false);
      const status = await run(["send", "--format", "windows", "--payload", TOAST, "--json"], {
        stdout,
        stderr: capture(false),
        env: { NH_HUB_NAME: emulator.hubName, NH_CONNECTION_STRING: emulator.connectionString },
      });
      expect(status).toBe(0);
      const { notificationId } = JSON.parse(stdout.text) as { notificationId: string };
      expect(emulator.deliveries().map((d) => d.notificationId)).toEqual([notificationId]);
    } finally {
      await emulator.close();
    }
  });

  it("colours output on a terminal only, and never with NO_COLOR", async () => {
    const emulator = await startEmulator();
    const env = { NH_HUB_NAME: emulator.hubName, NH_CONNECTION_STRING: emulator.connectionString };
    const args = ["send", "--format", "windows", "--payload", TOAST];
    try {
      const tty = capture(true);
      expect(await run(args, { stdout: tty, stderr: capture(true), env })).toBe(0);
      const pipe = capture(false);
      expect(await run(args, { stdout: pipe, stderr: capture(false), env })).toBe(0);
      const noColor = capture(true);
      expect(
        await run(args, { stdout: noColor, stderr: capture(true), env: { ...env, NO_COLOR: "1" } }),
      ).toBe(0);
      expect(tty.text).toContain("\u001b[32mwindows notification sent.");
      expect(pipe.text).toMatch(/^windows notification sent\.\n/);
      expect(pipe.text).not.toContain("\u001b[");
      expect(noColor.text).not.toContain("\u001b[");
    } finally {
      await emulator.close();
    }
  });

  it("stops `nhub emulator` when the signal aborts", async () => {
    const stdout = capture(false);
    const controller = new AbortController();
    const running = run(["emulator", "--port", "0"], {
      stdout,
      stderr: capture(false),
      env: {},
      signal: controller.signal,
    });
    await new Promise<void>((resolve) => {
      const check = () =>
        stdout.text.includes("Press Ctrl-C") ? resolve() : setTimeout(check, 10);
      check();
    });
    controller.abort();
    expect(await running).toBe(0);
    expect(stdout.text).toContain("Emulator stopped (abort).");
  });
});
