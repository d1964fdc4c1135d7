import { describe, expect, it } from "vitest";
import { runBin, startBin } from "./run-bin.test-helper.js";

const TOAST =
  '<toast><visual><binding template="ToastText01"><text id="1">Hi</text></binding></visual></toast>';

describe("nhub emulator --tls", () => {
  it("prints an sb:// connection string and the CA trust lines, which a Node child can use", async () => {
    const bin = startBin(["emulator", "--port", "0", "--tls"]);
    const { child, exited } = bin;
    const connectionString = await bin.waitFor(/^ {2}(Endpoint=\S+)$/m, (out) =>
      out.includes("curl --cacert"),
    );
    expect(bin.stdout()).toMatch(/listening on https:\/\/127\.0\.0\.1:\d+\//);
    expect(connectionString).toMatch(/^Endpoint=sb:\/\/127\.0\.0\.1:\d+\/;/);
    const caFile = /^CA certificate: +(\S+)$/m.exec(bin.stdout())?.[1] as string;
    expect(caFile).toMatch(/ca\.pem$/);
    expect(bin.stdout()).toContain(`NODE_EXTRA_CA_CERTS=${caFile}`);
    expect(bin.stdout()).toContain(`SSL_CERT_FILE=${caFile}`);
    expect(bin.stdout()).toMatch(
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
    await bin.waitFor(/POST \/demo\/messages 201/);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("exits 2 for --tls-cert without --tls-key", async () => {
    const run = await runBin(["emulator", "--port", "0", "--tls-cert", "cert.pem"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("nhub: --tls-cert and --tls-key go together: pass both PEM files\n");
  });
});
