const DAY_MS = 24 * 60 * 60 * 1000;

/** PEM text of a certificate and its private key. */
export interface CertificatePair {
  cert: string;
  key: string;
}

type Extensions = NonNullable<
  NonNullable<Parameters<typeof import("selfsigned").generate>[1]>["extensions"]
>;

/**
 * An EC P-256 / SHA-256 certificate for `commonName`, valid `days` from a day back (against clock
 * skew), self-signed or signed by `ca`.
 */
async function generateCertificate(
  commonName: string,
  days: number,
  extensions: Extensions,
  ca?: CertificatePair,
): Promise<CertificatePair> {
  // Loaded only when TLS is asked for.
  const { generate } = await import("selfsigned");
  const from = new Date(Date.now() - DAY_MS);
  const made = await generate([{ name: "commonName", value: commonName }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate: from,
    notAfterDate: new Date(from.getTime() + days * DAY_MS),
    ...(ca === undefined ? {} : { ca: { key: ca.key, cert: ca.cert } }),
    extensions,
  });
  return { cert: made.cert, key: made.private };
}

/** A local CA valid for 10 years. */
export function generateCa(): Promise<CertificatePair> {
  return generateCertificate("nhub emulator local CA", 3650, [
    { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
  ]);
}

/** A server certificate for localhost, 127.0.0.1 and ::1, valid 825 days, signed by `ca`. */
export function generateServerCertificate(ca: CertificatePair): Promise<CertificatePair> {
  return generateCertificate(
    "localhost",
    825,
    [
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
    ca,
  );
}
