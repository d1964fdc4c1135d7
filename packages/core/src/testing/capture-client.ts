import { afterAll, beforeAll } from "vitest";
import type { NotificationHubClient } from "../client.js";
import type { ClientOptions } from "../client-types.js";
import { type CapturedRequest, type CaptureServer, startCaptureServer } from "./capture-server.js";

/** A capture server and a client pointed at it, for one test file. */
export interface CaptureClient {
  /** The running capture server (set once `beforeAll` has run). */
  readonly server: CaptureServer;
  /** A client for hub `hub` on that server (set once `beforeAll` has run). */
  readonly client: NotificationHubClient;
  /** The last request the server received; throws when nothing was sent. */
  lastRequest(): CapturedRequest;
}

/**
 * Starts a capture server and a client for it before the file's tests and closes both after
 * (vitest `beforeAll`/`afterAll`). Pass `@nhub/core`'s `createClient` (kept out of this entry
 * point so the test kit stays small). Client options default to hub `hub` and `retry: false`.
 */
export function useCaptureClient(
  createClient: (options: ClientOptions) => NotificationHubClient,
  options: Partial<ClientOptions> = {},
): CaptureClient {
  let server: CaptureServer | undefined;
  let client: NotificationHubClient | undefined;
  beforeAll(async () => {
    server = await startCaptureServer();
    client = createClient({
      connectionString: server.connectionString(),
      hubName: "hub",
      retry: false,
      ...options,
    });
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error("useCaptureClient: use it inside a test, after beforeAll ran");
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get client() {
      return started(client);
    },
    lastRequest() {
      const request = started(server).requests.at(-1);
      if (!request) throw new Error("nothing was sent");
      return request;
    },
  };
}
