import { execFile, execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import { generate } from "selfsigned";
import { describe, expect, it } from "vitest";
import { type RunningBin, runBin, startBin } from "./run-bin.test-helper.js";
import { tempDirs } from "./temp-dirs.test-helper.js";

const TOAST =
  '<toast><visual><binding template="ToastText01"><text id="1">Hi</text></binding></visual></toast>';
const DAY = 24 * 60 * 60 * 1000;

const tempDir = tempDirs("nhub-cli-tls-");

function hasCurl(): boolean {
  try {
    execFileSync("curl", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
// CI machines have curl: there a missing curl fails the test instead of skipping it.
const curl = hasCurl() || process.env.CI === "true";
if (!curl) console.warn("cli-emulator-tls: curl not found, the printed curl line is not run");

/** Starts `nhub emulator --port 0 ...args` and waits for the whole start-up output. */
async function startEmulator(
  args: string[],
): Promise<RunningBin & { url: string; caFile: string }> {
  const bin = startBin(["emulator", "--port", "0", ...args]);
  await bin.waitFor(/Press Ctrl-C to stop\./);
  const url = /listening on (https:\/\/\S+)/.exec(bin.stdout())?.[1] as string;
  const caFile = /^CA certificate: +(\S+)$/m.exec(bin.stdout())?.[1] as string;
  return { ...bin, url, caFile };
}

async function stop(bin: RunningBin): Promise<void> {
  bin.child.kill("SIGINT");
  expect(await bin.exited).toBe(0);
}

/** GET /_nhub/health over https trusting only `ca`: the body and the served certificate. */
function health(url: string, ca: string): Promise<{ body: string; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL("_nhub/health", url), { ca, agent: false }, (res) => {
      const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ body, fingerprint }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Runs a printed shell line with `sh -c`: its exit code and stdout. */
function shell(line: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile("sh", ["-c", line], { timeout: 30_000 }, (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

describe("nhub emulator --tls", () => {
  it("prints an sb:// connection string and the CA trust lines, which a Node child can use", async () => {
    const bin = startBin(["emulator", "--port", "0", "--tls"]);
    const { child, exited } = bin;
    const connectionString = await bin.waitFor(/^ {2}(Endpoint=\S+)$/m, (out) =>
      out.includes("curl --cacert"),
    );
    expect(bin.stdout()).toMatch(/listening on https:\/\/127\.0\.0\.1:\d+\//);
    expect(connectionString).toMatch(/^Endpoint=sb:\/\/127\.0\.0\.1:\d+\/;/);
    // the service's own scheme, which every client (ours, Microsoft's SDK, the Python REST
    // sample) turns into https://; the label says so
    expect(bin.stdout()).toContain("HTTPS: clients send an sb:// endpoint over https://");
    const caFile = /^CA certificate: +(\S+)$/m.exec(bin.stdout())?.[1] as string;
    expect(caFile).toMatch(/ca\.pem$/);
    expect(bin.stdout()).toContain(`NODE_EXTRA_CA_CERTS=${caFile}`);
    expect(bin.stdout()).toContain(`SSL_CERT_FILE=${caFile}`);
    expect(bin.stdout()).toMatch(
      new RegExp(`curl --cacert ${caFile} https://127\\.0\\.0\\.1:\\d+/_nhub/health$`, "m"),
    );
    expect(bin.stdout()).not.toContain("Renewed:");
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

  it.runIf(curl)(
    "the printed curl line works as printed; without --cacert curl refuses",
    async () => {
      const bin = await startEmulator(["--tls"]);
      try {
        const line = /^ {2}curl: +(curl --cacert .+)$/m.exec(bin.stdout())?.[1] as string;
        const run = await shell(`${line} -sS`);
        expect(run).toEqual({ code: 0, stdout: '{"status":"ok"}' });
        const untrusted = await shell(line.replace(/--cacert \S+ /, "-sS "));
        expect(untrusted.code).toBe(60); // curl: peer certificate cannot be authenticated
      } finally {
        await stop(bin);
      }
    },
  );

  it("serves the user's own certificate with --tls-cert and --tls-key", async () => {
    const dir = tempDir();
    const own = await generate([{ name: "commonName", value: "my dev cert" }], {
      keyType: "ec",
      algorithm: "sha256",
      extensions: [
        {
          name: "subjectAltName",
          altNames: [
            { type: 2, value: "localhost" },
            { type: 7, ip: "127.0.0.1" },
          ],
        },
      ],
    });
    writeFileSync(join(dir, "cert.pem"), own.cert);
    writeFileSync(join(dir, "key.pem"), own.private);
    const bin = await startEmulator([
      "--tls-cert",
      join(dir, "cert.pem"),
      "--tls-key",
      join(dir, "key.pem"),
    ]);
    try {
      expect(readFileSync(bin.caFile, "utf8").trim()).toBe(own.cert.trim());
      const answer = await health(bin.url, own.cert);
      expect(answer.body).toBe('{"status":"ok"}');
      expect(answer.fingerprint).toBe(new X509Certificate(own.cert).fingerprint256);
    } finally {
      await stop(bin);
    }
  });

  it("with --data keeps the CA across starts, and renews an expired certificate with it", async () => {
    const data = tempDir();
    const first = await startEmulator(["--tls", "--data", data]);
    await stop(first);
    expect(first.caFile).toBe(join(data, "tls", "ca.pem"));
    // What a client saved when it trusted the first start's CA.
    const trusted = join(tempDir(), "trusted-ca.pem");
    copyFileSync(first.caFile, trusted);
    const ca = readFileSync(trusted, "utf8");

    const second = await startEmulator(["--tls", "--data", data]);
    try {
      expect(second.stdout()).not.toContain("Renewed:");
      expect((await health(second.url, ca)).body).toBe('{"status":"ok"}');
    } finally {
      await stop(second);
    }

    const expired = await generate([{ name: "commonName", value: "localhost" }], {
      keyType: "ec",
      algorithm: "sha256",
      notBeforeDate: new Date(Date.now() - 60 * DAY),
      notAfterDate: new Date(Date.now() - DAY),
      ca: { cert: ca, key: readFileSync(join(data, "tls", "ca-key.pem"), "utf8") },
      extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
    });
    writeFileSync(join(data, "tls", "cert.pem"), expired.cert);
    writeFileSync(join(data, "tls", "key.pem"), expired.private);
    const third = await startEmulator(["--tls", "--data", data]);
    try {
      expect(third.stdout()).toMatch(/^Renewed: +.*signed by the kept CA/m);
      expect(readFileSync(third.caFile, "utf8")).toBe(ca);
      expect((await health(third.url, ca)).body).toBe('{"status":"ok"}');
    } finally {
      await stop(third);
    }
  });

  it("exits 2 for --tls-cert without --tls-key", async () => {
    const run = await runBin(["emulator", "--port", "0", "--tls-cert", "cert.pem"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("nhub: --tls-cert and --tls-key go together: pass both PEM files\n");
  });
});
