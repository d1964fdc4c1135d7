import { X509Certificate } from "node:crypto";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "selfsigned";
import { Agent } from "undici";
import { describe, expect, it } from "vitest";
import { startEmulator } from "./emulator.js";
import { tempDirs } from "./temp-dirs.test-helper.js";

const DAY = 24 * 60 * 60 * 1000;
const dataDir = tempDirs("nhub-tls-kept-");

const file = (dir: string, name: string) => join(dir, "tls", name);
const read = (dir: string, name: string) => readFileSync(file(dir, name), "utf8");

/** A certificate valid from `fromDays` to `toDays` (days from now), signed by `ca` or itself. */
async function certificate(options: {
  fromDays: number;
  toDays: number;
  ca?: { cert: string; key: string };
  isCa?: boolean;
  names?: { type: 2 | 7; value?: string; ip?: string }[];
}): Promise<{ cert: string; key: string }> {
  const now = Date.now();
  const made = await generate([{ name: "commonName", value: options.isCa ? "old CA" : "x" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate: new Date(now + options.fromDays * DAY),
    notAfterDate: new Date(now + options.toDays * DAY),
    ...(options.ca ? { ca: options.ca } : {}),
    extensions: options.isCa
      ? [
          { name: "basicConstraints", cA: true, critical: true },
          { name: "keyUsage", keyCertSign: true, critical: true },
        ]
      : [
          {
            name: "subjectAltName",
            altNames: options.names ?? [
              { type: 2, value: "localhost" },
              { type: 7, ip: "127.0.0.1" },
            ],
          },
        ],
  });
  return { cert: made.cert, key: made.private };
}

function writeServer(dir: string, pair: { cert: string; key: string }) {
  writeFileSync(file(dir, "cert.pem"), pair.cert);
  writeFileSync(file(dir, "key.pem"), pair.key);
}

/** Starts on `dir` with TLS, checks a client trusting `ca` (default: the served CA) connects. */
async function startAndConnect(dir: string, ca?: string) {
  const emulator = await startEmulator({ tls: true, dataDir: dir });
  try {
    const dispatcher = new Agent({ connect: { ca: ca ?? emulator.caCertificate } });
    const res = await dispatcher.request({
      origin: emulator.url,
      path: "/_nhub/health",
      method: "GET",
    });
    const body = await res.body.text();
    await dispatcher.close();
    expect(body).toBe('{"status":"ok"}');
    return { renewed: emulator.tlsRenewed, ca: emulator.caCertificate as string };
  } finally {
    await emulator.close();
  }
}

describe("the TLS certificate kept in dataDir", () => {
  it("replaces an expired server certificate with one signed by the kept CA", async () => {
    const dir = dataDir();
    const first = await startAndConnect(dir);
    expect(first.renewed).toBeUndefined();
    const caKey = read(dir, "ca-key.pem");
    const expired = await certificate({
      fromDays: -60,
      toDays: -1,
      ca: { cert: first.ca, key: caKey },
    });
    writeServer(dir, expired);
    // A client that trusted the CA of the first start still connects.
    const second = await startAndConnect(dir, first.ca);
    expect(second).toEqual({ renewed: "certificate", ca: first.ca });
    const renewed = new X509Certificate(read(dir, "cert.pem"));
    expect(Date.parse(renewed.validTo)).toBeGreaterThan(Date.now() + 365 * DAY);
    expect(renewed.checkIssued(new X509Certificate(first.ca))).toBe(true);
    expect((await startAndConnect(dir, first.ca)).renewed).toBeUndefined();
  });

  it("replaces one that expires within 30 days or does not cover 127.0.0.1", async () => {
    const dir = dataDir();
    const { ca } = await startAndConnect(dir);
    const signer = { cert: ca, key: read(dir, "ca-key.pem") };
    writeServer(dir, await certificate({ fromDays: -1, toDays: 10, ca: signer }));
    expect(await startAndConnect(dir, ca)).toEqual({ renewed: "certificate", ca });
    const names = [{ type: 2 as const, value: "example.test" }];
    writeServer(dir, await certificate({ fromDays: -1, toDays: 400, ca: signer, names }));
    expect(await startAndConnect(dir, ca)).toEqual({ renewed: "certificate", ca });
  });

  it("makes a new CA and certificate when the kept CA expires within 30 days", async () => {
    const dir = dataDir();
    await startAndConnect(dir);
    const oldCa = await certificate({ fromDays: -3000, toDays: 20, isCa: true });
    writeFileSync(file(dir, "ca.pem"), oldCa.cert);
    writeFileSync(file(dir, "ca-key.pem"), oldCa.key);
    writeServer(dir, await certificate({ fromDays: -1, toDays: 15, ca: oldCa }));
    const next = await startAndConnect(dir);
    expect(next.renewed).toBe("ca");
    expect(next.ca).not.toBe(oldCa.cert);
    expect(read(dir, "ca.pem")).toBe(next.ca);
    expect(
      new X509Certificate(read(dir, "cert.pem")).checkIssued(new X509Certificate(next.ca)),
    ).toBe(true);
  });

  it("without a kept CA key (an older dataDir): reused while valid, a new CA once expired", async () => {
    const dir = dataDir();
    const { ca } = await startAndConnect(dir);
    const caKey = read(dir, "ca-key.pem");
    unlinkSync(file(dir, "ca-key.pem"));
    expect(await startAndConnect(dir, ca)).toEqual({ renewed: undefined, ca });
    writeServer(
      dir,
      await certificate({ fromDays: -60, toDays: -1, ca: { cert: ca, key: caKey } }),
    );
    const next = await startAndConnect(dir);
    expect(next.renewed).toBe("ca");
    expect(next.ca).not.toBe(ca);
  });
});
