import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the capture server received it. */
export interface CapturedRequest {
  method: string;
  /** Path and query exactly as sent on the request line. */
  url: string;
  /** Header names in lower case; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The body bytes. */
  body: Buffer;
  /** The body as UTF-8 text. */
  text: string;
}

/** How the capture server answers one request. */
export interface CaptureResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Destroy the socket after reading the request, without answering. */
  destroy?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
}

/** Decides the answer to each request (index counts from 0). */
export type CaptureHandler = (
  request: CapturedRequest,
  index: number,
) => CaptureResponse | Promise<CaptureResponse>;

/** A real HTTP server on 127.0.0.1 that records every request, for tests. */
export interface CaptureServer {
  /** `http://127.0.0.1:{port}/` */
  readonly url: string;
  /** Every request received so far, in order. */
  readonly requests: CapturedRequest[];
  /** A connection string pointing at this server (`Endpoint=http://127.0.0.1:port/`). */
  connectionString(keyName?: string, key?: string): string;
  /** Replaces the handler for the following requests. */
  respond(handler: CaptureHandler): void;
  /** Stops the server and drops its open connections. */
  close(): Promise<void>;
}

/** The key used by {@link CaptureServer.connectionString} unless another is given. */
export const TEST_KEY = "dGVzdC1rZXk+c2VjcmV0/zz==";

/**
 * Starts a capture server. By default every request gets 201 with a `Location` naming a fresh
 * notification id, a `TrackingId` and an `x-ms-correlation-request-id`.
 */
export async function startCaptureServer(handler?: CaptureHandler): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  let current: CaptureHandler = handler ?? defaultHandler;
  let url = "";
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const captured: CapturedRequest = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers,
      body,
      text: body.toString("utf8"),
    };
    const index = requests.push(captured) - 1;
    let answer: CaptureResponse;
    try {
      answer = await current(captured, index);
    } catch (error) {
      answer = { status: 500, body: String(error) };
    }
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (answer.destroy) {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status ?? 201, answer.headers ?? {});
    res.end(answer.body ?? "");
  }
  function defaultHandler(request: CapturedRequest, index: number): CaptureResponse {
    const path = request.url.split("?")[0] ?? "";
    const hub = path.split("/")[1] ?? "hub";
    return {
      status: 201,
      headers: {
        Location: `${url}${hub}/messages/capture-${index + 1}?api-version=2020-06`,
        TrackingId: `tracking-${index + 1}`,
        "x-ms-correlation-request-id": `correlation-${index + 1}`,
      },
    };
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}/`;
  return {
    url,
    requests,
    connectionString(keyName = "DefaultFullSharedAccessSignature", key = TEST_KEY) {
      return `Endpoint=${url};SharedAccessKeyName=${keyName};SharedAccessKey=${key}`;
    },
    respond(next) {
      current = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
