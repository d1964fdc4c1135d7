import { getGlobalDispatcher } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type NotificationHubsError, TagExpressionError, UnknownFormatError } from "./errors.js";
import { createClient } from "./index.node.js";
import { nodeHmac } from "./node-platform.js";
import { jsonAdapter, toastAdapter } from "./test-adapter.test-helper.js";
import { type CaptureServer, startCaptureServer, TEST_KEY } from "./testing/capture-server.js";

let server: CaptureServer;
beforeEach(async () => {
  server = await startCaptureServer();
});
afterEach(async () => {
  await server.close();
});

function client(extra: Record<string, unknown> = {}) {
  return createClient({
    connectionString: server.connectionString(),
    hubName: "my hub",
    adapters: [jsonAdapter, toastAdapter],
    ...extra,
  });
}

describe("send: the exact request", () => {
  it("broadcasts with the format, content type, signed token and no tags header", async () => {
    const c = client();
    const result = await c.send("windows", "<toast><visual/></toast>");
    await c.close();
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/my%20hub/messages?api-version=2020-06");
    expect(req.headers["servicebusnotification-format"]).toBe("windows");
    expect(req.headers["content-type"]).toBe("application/xml");
    expect(req.headers["x-wns-type"]).toBe("wns/toast");
    expect(req.headers["x-ms-version"]).toBe("2020-06");
    expect(req.headers["user-agent"]).toMatch(/^nhub\/\d+\.\d+\.\d+/);
    expect(req.headers).not.toHaveProperty("servicebusnotification-tags");
    expect(req.text).toBe("<toast><visual/></toast>");
    // The token signs the hub URI, and its signature verifies with the key.
    const auth = req.headers.authorization ?? "";
    const params = new URLSearchParams(auth.replace(/^SharedAccessSignature /, ""));
    const sr = encodeURIComponent(`${server.url}my%20hub`.toLowerCase());
    expect(auth).toContain(`sr=${sr}&`);
    expect(params.get("skn")).toBe("DefaultFullSharedAccessSignature");
    expect(params.get("sig")).toBe(nodeHmac(TEST_KEY, `${sr}\n${params.get("se")}`));
    expect(Number(params.get("se"))).toBeGreaterThan(Date.now() / 1000 + 3500);
    expect(result.notificationId).toBe("capture-1");
    expect(result.trackingId).toBe("tracking-1");
    expect(result.correlationId).toBe("correlation-1");
    expect(result.location).toContain("/messages/capture-1?");
    expect(result.outcome).toBeUndefined();
  });

  it("joins a set of tags with || and sends a tag expression as given", async () => {
    const c = client();
    await c.send("gcm", { data: { a: "1" } }, { tags: new Set(["sports", "politics"]) });
    await c.send("gcm", { data: {} }, { tags: "sports" });
    await c.send(
      "gcm",
      { data: {} },
      { tagExpression: "(sports && !politics) || $UserId:{alice}" },
    );
    await c.close();
    expect(server.requests.map((r) => r.headers["servicebusnotification-tags"])).toEqual([
      "sports||politics",
      "sports",
      "(sports && !politics) || $UserId:{alice}",
    ]);
    expect(server.requests[0]!.text).toBe('{"data":{"a":"1"}}');
  });

  it("never turns an empty tag set into a broadcast, and sends nothing for bad tags", async () => {
    const c = client();
    for (const options of [
      { tags: [] },
      { tags: new Set<string>() },
      { tags: ["ok", "not ok"] },
      { tagExpression: "" },
      { tagExpression: "a &&" },
      { tags: ["a"], tagExpression: "b" },
    ]) {
      const error = await c.send("gcm", {}, options).catch((e: unknown) => e);
      expect(TagExpressionError.isInstance(error), JSON.stringify(options)).toBe(true);
    }
    await c.close();
    expect(server.requests).toHaveLength(0);
  });

  it("passes adapter options to prepare and adds extra headers", async () => {
    const c = client();
    await c.send(jsonAdapter, { a: 1 }, { priority: 10, headers: { "X-Extra": "yes" } });
    await c.send(jsonAdapter, { a: 1 }, { headers: { "User-Agent": "my-app/2" } });
    await c.close();
    expect(server.requests[1]!.headers["user-agent"]).toBe("my-app/2");
    expect(server.requests[1]!.headers["x-ms-version"]).toBe("2020-06");
    expect(server.requests[0]!.headers["x-test-priority"]).toBe("10");
    expect(server.requests[0]!.headers["x-extra"]).toBe("yes");
  });

  it("marks a test send with test=true", async () => {
    const c = client();
    await c.send("gcm", {}, { test: true });
    await c.close();
    expect(server.requests[0]!.url).toBe("/my%20hub/messages?api-version=2020-06&test=true");
  });

  it("reuses one token across many sends (no HMAC per request)", async () => {
    const c = client();
    await Promise.all(Array.from({ length: 50 }, () => c.send("gcm", {})));
    await c.close();
    const tokens = new Set(server.requests.map((r) => r.headers.authorization));
    expect(server.requests).toHaveLength(50);
    expect(tokens.size).toBe(1);
  });

  it("reads notification ids from every Location shape, and none when absent", async () => {
    const locations = [
      `${server.url}hub/messages/NH-1?api-version=2020-06`,
      "https://ns.servicebus.windows.net/hub/messages/$batch/abc-16?api-version=2017-04&direct",
      "https://ns.servicebus.windows.net/hub/messages/id-3/",
    ];
    server.respond((_r, i) =>
      i < locations.length
        ? { status: 201, headers: { Location: locations[i]! } }
        : { status: 201 },
    );
    const c = client();
    const ids = [];
    for (let i = 0; i <= locations.length; i++) ids.push((await c.send("gcm", {})).notificationId);
    await c.close();
    expect(ids).toEqual(["NH-1", "abc-16", "id-3", undefined]);
  });

  it("accepts 200 as success", async () => {
    server.respond(() => ({ status: 200 }));
    const c = client();
    await expect(c.send("gcm", {})).resolves.toMatchObject({ notificationId: undefined });
    await c.close();
  });
});

describe("adapters", () => {
  it("names the formats the client has when one is missing", async () => {
    const c = client();
    const error = await c.send("apple", {}).catch((e: unknown) => e);
    expect(UnknownFormatError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("gcm, windows");
    await c.close();
  });

  it("refuses an adapter of an unknown specification version at registration", () => {
    const c = client();
    expect(() => c.register({ ...jsonAdapter, specificationVersion: "v2" as "v1" })).toThrow(
      /"v2"/,
    );
    expect(() => c.register({ specificationVersion: "v1", format: "x" } as never)).toThrow(
      /prepare/,
    );
  });

  it("keeps registrations per client instance", () => {
    const a = client();
    const b = createClient({ connectionString: server.connectionString(), hubName: "hub" });
    a.register({ ...jsonAdapter, format: "adm" });
    expect(a.formats).toContain("adm");
    expect(b.formats).toEqual([]);
  });

  it("lets the adapter's refusal through before any byte is sent", async () => {
    const c = client();
    const error = await c.send("gcm", "not an object").catch((e: unknown) => e);
    expect((error as NotificationHubsError).code).toBe("INVALID_PAYLOAD");
    expect(server.requests).toHaveLength(0);
    await c.close();
  });
});

describe("transport", () => {
  it("never touches undici's global dispatcher", async () => {
    const before = getGlobalDispatcher();
    const c = client();
    await c.send("gcm", {});
    await c.close();
    expect(getGlobalDispatcher()).toBe(before);
  });

  it("uses a dispatcher the caller passes", async () => {
    const { Agent } = await import("undici");
    let dispatched = 0;
    const agent = new Agent();
    const dispatcher = {
      dispatch(...args: Parameters<typeof agent.dispatch>) {
        dispatched++;
        return agent.dispatch(...args);
      },
      request: agent.request,
    };
    Object.setPrototypeOf(dispatcher, agent);
    const c = client({ dispatcher });
    await c.send("gcm", {});
    await c.close();
    await agent.close();
    expect(dispatched).toBe(1);
    expect(server.requests).toHaveLength(1);
  });
});
