import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, childEnv, runBin } from "./run-bin.test-helper.js";

const TOAST =
  '<toast><visual><binding template="ToastText01"><text id="1">Hi</text></binding></visual></toast>';

describe("nhub emulator --tls", () => {
  it("prints an sb:// connection string and the CA trust lines, which a Node child can use", async () => {
    const child = spawn(process.execPath, [BIN, "emulator", "--port", "0", "--tls"], {
      env: childEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    const exited = new Promise<number | null>((resolve) =>
      child.on("close", (code) => resolve(code)),
    );
    const connectionString = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: string) => {
        stdout += chunk;
        const match = /^ {2}(Endpoint=\S+)$/m.exec(stdout);
        if (match?.[1] && stdout.includes("curl --cacert")) resolve(match[1]);
      });
      child.on("close", () => reject(new Error(`emulator exited early:\n${stdout}`)));
    });
    expect(stdout).toMatch(/listening on https:\/\/127\.0\.0\.1:\d+\//);
    expect(connectionString).toMatch(/^Endpoint=sb:\/\/127\.0\.0\.1:\d+\/;/);
    const caFile = /^CA certificate: +(\S+)$/m.exec(stdout)?.[1] as string;
    expect(caFile).toMatch(/ca\.pem$/);
    expect(stdout).toContain(`NODE_EXTRA_CA_CERTS=${caFile}`);
    expect(stdout).toContain(`SSL_CERT_FILE=${caFile}`);
    expect(stdout).toMatch(
      new RegExp(`curl --cacert ${caFile} https://127\\.0\\.0\\.1:\\d+/demo/`),
    );
    const args = ["send", "--format", "windows", "--payload", TOAST, "--connection-string"];
    const untrusted = await runBin([...args, connectionString, "--hub", "demo", "--test"]);
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.stderr).toContain("TLS handshake");
    const sent = await runBin([...args, connectionString, "--hub", "demo", "--test"], {
      env: { NODE_EXTRA_CA_CERTS: caFile },
    });
    expect(sent.stderr).toBe("");
    expect(sent.code).toBe(0);
    await new Promise<void>((resolve) => {
      const check = () =>
        /POST \/demo\/messages 201/.test(stdout) ? resolve() : setTimeout(check, 20);
      check();
    });
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("exits 2 for --tls-cert without --tls-key", async () => {
    const run = await runBin(["emulator", "--port", "0", "--tls-cert", "cert.pem"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("nhub: --tls-cert and --tls-key go together: pass both PEM files\n");
  });
});
