import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NetworkError } from "./errors.js";
import { createClient } from "./index.node.js";
import { toastAdapter } from "./test-adapter.test-helper.js";
import { transportRequest } from "./test-server.test-helper.js";
import { createUndiciTransport } from "./undici-transport.js";

// An HTTPS server whose self-signed certificate nobody trusts: the handshake is refused.
let server: Server;
let origin = "";
let connections = 0;
let requests = 0;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "nhub-tls-"));
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        .concat(["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")])
        .concat(["-days", "1", "-subj", "/CN=127.0.0.1"]),
      { stdio: "ignore" },
    );
    const key = readFileSync(join(dir, "key.pem"));
    const cert = readFileSync(join(dir, "cert.pem"));
    server = createServer({ key, cert }, (_req, res) => {
      requests++;
      res.end("ok");
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("a server certificate refused during the TLS handshake", () => {
  it.each([
    ["node:https (the first request)", {}],
    ["undici", { coldStart: "undici" as const }],
  ])("over %s: nothing was sent, and asking again cannot help", async (_name, options) => {
    const t = createUndiciTransport(options);
    const error = (await t
      .request(transportRequest(origin))
      .catch((e: unknown) => e)) as NetworkError;
    await t.close?.();
    expect(NetworkError.isInstance(error), String(error)).toBe(true);
    expect(error.requestSent).toBe(false);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain(`TLS handshake with ${origin} failed`);
    expect(error.message).toContain("NODE_EXTRA_CA_CERTS");
    expect(error.message).not.toContain("SECRET");
  });

  it("is not retried by the client, and no request reaches the server", async () => {
    const before = connections;
    const client = createClient({
      connectionString: `Endpoint=${origin}/;SharedAccessKeyName=rule;SharedAccessKey=key`,
      hubName: "hub",
      adapters: [toastAdapter],
      retry: { maxRetries: 3, baseDelayMs: 1 },
    });
    const error = await client.send("windows", "<toast/>").catch((e: unknown) => e);
    await client.close();
    expect(NetworkError.isInstance(error) && !error.requestSent).toBe(true);
    expect(connections - before).toBe(1);
    expect(requests).toBe(0);
  });
});
