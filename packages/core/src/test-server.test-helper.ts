import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { TransportRequest } from "./transport.js";

/** One request as the raw server saw it, with the connection it came on. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
  /** Numbers the server's connections in the order they were accepted, from 1. */
  connection: number;
}

/** A real HTTP server on 127.0.0.1 with full control over the answer, for transport tests. */
export interface RawServer {
  readonly origin: string;
  readonly seen: SeenRequest[];
  /** Replaces the handler; the default answers 200 with "ok". */
  handle(handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void): void;
  close(): Promise<void>;
}

export async function startRawServer(): Promise<RawServer> {
  const seen: SeenRequest[] = [];
  const connections = new WeakMap<Socket, number>();
  let accepted = 0;
  let handler = (_req: IncomingMessage, res: ServerResponse, _body: Buffer) => {
    res.end("ok");
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const { method = "", url = "", headers } = req;
      seen.push({ method, url, headers, body, connection: connections.get(req.socket) ?? 0 });
      handler(req, res, body);
    });
  });
  server.on("connection", (socket: Socket) => connections.set(socket, ++accepted));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    handle(next) {
      handler = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** The Authorization value every test request carries; no error message may contain it. */
export const SECRET_TOKEN = "SharedAccessSignature sr=x&sig=SECRET-SIG&se=1&skn=k";

/** A transport request to `origin`; its query holds a secret that messages must not show. */
export function transportRequest(
  origin: string,
  extra: Partial<TransportRequest> = {},
): TransportRequest {
  const path = "/hub/messages?api-version=2020-06&secret-query=SECRET-QUERY";
  return {
    method: "POST",
    url: origin + path,
    origin,
    path,
    headers: { Authorization: SECRET_TOKEN, "Content-Type": "application/json" },
    body: '{"a":1}',
    timeoutMs: 5_000,
    ...extra,
  };
}
