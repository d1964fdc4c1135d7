import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Makes a throw-away CA and a server certificate for 127.0.0.1 / localhost with openssl, in a
 * temp directory. Clients trust the CA (verification stays on); nothing is installed anywhere.
 * @returns {{ dir: string, caPath: string, ca: string, key: string, cert: string, dispose(): void }}
 */
export function makeCertificates() {
  const dir = mkdtempSync(join(tmpdir(), "nhub-bench-tls-"));
  const file = (name) => join(dir, name);
  const openssl = (...args) =>
    execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
  try {
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", file("ca.key"));
    openssl(
      "req",
      "-x509",
      "-new",
      "-key",
      file("ca.key"),
      "-sha256",
      "-days",
      "2",
      "-subj",
      "/CN=nhub bench CA",
      "-out",
      file("ca.pem"),
    );
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", file("server.key"));
    openssl(
      "req",
      "-new",
      "-key",
      file("server.key"),
      "-subj",
      "/CN=127.0.0.1",
      "-out",
      file("server.csr"),
    );
    writeFileSync(
      file("ext.cnf"),
      "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    );
    openssl(
      "x509",
      "-req",
      "-in",
      file("server.csr"),
      "-CA",
      file("ca.pem"),
      "-CAkey",
      file("ca.key"),
      "-CAcreateserial",
      "-days",
      "2",
      "-sha256",
      "-extfile",
      file("ext.cnf"),
      "-out",
      file("server.pem"),
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const detail = error?.stderr?.toString() || error?.message || String(error);
    throw new Error(`Could not create the bench certificates with openssl: ${detail}`);
  }
  return {
    dir,
    caPath: file("ca.pem"),
    ca: readFileSync(file("ca.pem"), "utf8"),
    key: readFileSync(file("server.key"), "utf8"),
    cert: readFileSync(file("server.pem"), "utf8"),
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
