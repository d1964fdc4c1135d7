const DAY_MS = 24 * 60 * 60 * 1000;

/** PEM text of a certificate and its private key. */
export interface CertificatePair {
  cert: string;
  key: string;
}

/** A local CA valid for 10 years (from a day back, against clock skew). */
export async function generateCa(): Promise<CertificatePair> {
  // Loaded only when TLS is asked for.
  const { generate } = await import("selfsigned");
  const now = new Date(Date.now() - DAY_MS);
  const ca = await generate([{ name: "commonName", value: "nhub emulator local CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 3650 * DAY_MS),
    extensions: [
      { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  return { cert: ca.cert, key: ca.private };
}

/** A server certificate for localhost, 127.0.0.1 and ::1, valid 825 days, signed by `ca`. */
export async function generateServerCertificate(ca: CertificatePair): Promise<CertificatePair> {
  const { generate } = await import("selfsigned");
  const now = new Date(Date.now() - DAY_MS);
  const server = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 825 * DAY_MS),
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  return { cert: server.cert, key: server.private };
}
