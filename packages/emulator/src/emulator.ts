import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { InvalidArgumentError } from "@nhub/core";
import { DEFAULT_MAX_DELIVERIES, DeliveryLog, toDelivery } from "./delivery-log.js";
import { DeliveryStreams } from "./event-stream.js";
import { FaultQueue } from "./faults.js";
import { fileUrl, parseFileUrl, validFileName } from "./file-routes.js";
import { HubStore } from "./hub-store.js";
import { isLoopbackHost } from "./inspection-auth.js";
import { inspectionRefusal } from "./inspection-guard.js";
import { handleInspection, type InspectionState, isInspectionPath } from "./inspection-routes.js";
import { normalizeInstallation } from "./installation.js";
import { QuotaLimiter } from "./quota.js";
import { RequestLog } from "./request-log.js";
import { requestOrigin } from "./request-origin.js";
import { type RouterContext, routeRequest } from "./router.js";
import type { SasRule } from "./sas-auth.js";
import { Scheduler } from "./scheduler.js";
import { errorReply, finishReply, type Reply } from "./service-reply.js";
import { openStore, persistQuietly, randomSig, resumeHub } from "./store-open.js";
import { prepareTls } from "./tls-certificates.js";
import type { Emulator, EmulatorOptions, Installation, RequestInfo } from "./types.js";

/** Name of the rule with Listen, Send and Manage. */
export const FULL_RULE = "DefaultFullSharedAccessSignature";
/** Name of the Listen-only rule. */
export const LISTEN_RULE = "DefaultListenSharedAccessSignature";
/** Largest request body read, in bytes (batch sends carry up to 1000 handles). */
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

function randomKey(): string {
  return randomBytes(32).toString("base64");
}

function readBody(req: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on("end", () =>
      resolve({ body: Buffer.concat(chunks), tooLarge: size > MAX_REQUEST_BYTES }),
    );
    req.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function hostForUrl(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

function seedByHub(
  hubs: string[],
  installations: readonly Installation[],
): Map<string, Installation[]> {
  const seed = new Map<string, Installation[]>(hubs.map((hub) => [hub, []]));
  for (const installation of installations) {
    const hub = installation.hub ?? hubs[0] ?? "";
    const list = seed.get(hub);
    if (list === undefined) {
      throw new InvalidArgumentError(
        `Seed installation '${installation.installationId}' names hub '${hub}', which is not one of: ${hubs.join(", ")}`,
      );
    }
    list.push(normalizeInstallation(installation));
  }
  return seed;
}

function checkOptions(options: EmulatorOptions): string[] {
  const hubs = options.hubs ?? ["demo"];
  if (
    !Array.isArray(hubs) ||
    hubs.length === 0 ||
    hubs.some((hub) => typeof hub !== "string" || hub.trim() === "")
  ) {
    throw new InvalidArgumentError("startEmulator: hubs must be a non-empty array of hub names");
  }
  if (new Set(hubs.map((hub) => hub.toLowerCase())).size !== hubs.length) {
    throw new InvalidArgumentError("startEmulator: hub names must be unique (case-insensitively)");
  }
  for (const [name, value] of [
    ["registrationTtlMs", options.registrationTtlMs],
    ["jobStepMs", options.jobStepMs],
  ] as const) {
    if (
      value !== undefined &&
      (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    ) {
      throw new InvalidArgumentError(`startEmulator: ${name} must be a number of ms, 0 or more`);
    }
  }
  const max = options.maxDeliveries;
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
    throw new InvalidArgumentError("startEmulator: maxDeliveries must be a whole number >= 1");
  }
  for (const key of [options.keys?.full, options.keys?.listen]) {
    if (key !== undefined && (typeof key !== "string" || key === "")) {
      throw new InvalidArgumentError(
        "startEmulator: keys.full and keys.listen must be non-empty strings",
      );
    }
  }
  return hubs;
}

/**
 * Starts a local Notification Hubs emulator: the data-plane REST API with SAS checks, targeting,
 * template rendering, direct, batch and scheduled sends, outcome details and PNS feedback, and
 * every push it delivers available from `deliveries()`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const hubNames = checkOptions(options);
  const seed = seedByHub(hubNames, options.installations ?? []);
  const hubs = new Map(hubNames.map((name) => [name, new HubStore(name)]));
  const store = await openStore(options.dataDir);
  for (const [name, hub] of hubs) if (store?.load(hub) !== true) hub.reset(seed.get(name) ?? []);
  const persist = () => store?.sync(hubs.values());
  persist();
  const keys = options.keys ?? store?.keys(() => ({ full: randomKey(), listen: randomKey() }));
  const rules: SasRule[] = [
    {
      name: FULL_RULE,
      key: keys?.full ?? randomKey(),
      rights: ["Listen", "Send", "Manage"],
    },
    { name: LISTEN_RULE, key: keys?.listen ?? randomKey(), rights: ["Listen"] },
  ];
  const maxDeliveries = options.maxDeliveries ?? DEFAULT_MAX_DELIVERIES;
  const deliveries = new DeliveryLog(maxDeliveries);
  const requests = new RequestLog(maxDeliveries);
  deliveries.onDrop = (record) => requests.dropDelivery(record.requestId, record.id);
  const streams = new DeliveryStreams();
  let origin: { id: string; test: boolean; deliveryIds: string[] } | undefined;
  const faults = new FaultQueue();
  const quota = options.quota === undefined ? undefined : new QuotaLimiter(options.quota);
  const scheduler = new Scheduler();
  const context: RouterContext = {
    url: "",
    hubs,
    rules,
    scheduler,
    persist: () => persistQuietly(persist),
    feedbackSig: store?.secret("feedbackSig", randomSig) ?? randomSig(),
    management: {
      registrationTtlMs: options.registrationTtlMs,
      jobStepMs: options.jobStepMs ?? 10,
      filesSig: store?.secret("filesSig", randomSig) ?? randomSig(),
    },
    now: () => new Date(),
    record(input) {
      const record = deliveries.add(
        input,
        origin && { requestId: origin.id, test: origin.test },
        new Date(),
      );
      origin?.deliveryIds.push(record.id);
      streams.delivery(record);
      options.onDelivery?.(toDelivery(record));
    },
  };

  const host = options.host ?? "127.0.0.1";
  const tls = options.tls ? await prepareTls(options.tls, options.dataDir) : undefined;
  const inspectionToken = randomBytes(24).toString("hex");
  const clearDeliveries = () => {
    deliveries.clear();
    streams.cleared();
  };
  const resetAll = () => {
    clearDeliveries();
    requests.clear();
    faults.clear();
    scheduler.clear();
    for (const [name, hub] of hubs) hub.reset(seed.get(name) ?? []);
    persist();
  };
  const inspection: InspectionState = {
    hubs,
    deliveries,
    requests,
    streams,
    faults,
    maxDeliveries,
    tls: tls !== undefined,
    access: (path, hostHeader) => ({
      open: isLoopbackHost(host),
      token: inspectionToken,
      rules,
      requestUrls: [
        `${context.url.replace(/\/$/, "")}${path}`,
        ...(hostHeader === undefined ? [] : [`${tls ? "https" : "http"}://${hostHeader}${path}`]),
      ],
    }),
    clearDeliveries,
    reset: resetAll,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { body, tooLarge } = await readBody(req);
    if (isInspectionPath(req.url)) {
      const refused = inspectionRefusal(req.method ?? "GET", req.headers, isLoopbackHost(host));
      if (refused === undefined) await handleInspection(req, res, body, inspection);
      else {
        res.writeHead(403, {
          "content-type": "application/json; charset=utf-8",
          "cache-control": "no-store",
        });
        res.end(JSON.stringify({ error: refused }));
      }
      return;
    }
    const started = process.hrtime.bigint();
    const logged = requests.add({
      receivedAt: new Date(),
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      body,
      status: 0,
      hub: undefined,
      notificationId: undefined,
      test: /[?&]test(=true)?(&|$)/i.test(req.url ?? ""),
      outcome: null,
      deliveryIds: [],
      durationMs: 0,
    });
    const fault = faults.take();
    if (fault !== undefined && fault.delayMs > 0) await sleep(fault.delayMs);
    let reply: Reply;
    const throttled = quota?.check(req.url ?? "/");
    if (throttled !== undefined) {
      reply = throttled;
    } else if (fault?.status !== undefined) {
      reply = errorReply(fault.status, `Injected fault: status ${fault.status}.`);
      if (fault.retryAfter !== undefined)
        reply.headers = { "Retry-After": String(fault.retryAfter) };
    } else if (tooLarge) {
      reply = errorReply(413, `The request body is larger than ${MAX_REQUEST_BYTES} bytes.`);
    } else {
      const raw = {
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers: req.headers,
        body,
        origin: requestOrigin(
          {
            headers: req.headers,
            encrypted: "encrypted" in req.socket && req.socket.encrypted === true,
            remoteAddress: req.socket.remoteAddress,
          },
          context.url,
        ),
      };
      try {
        origin = logged;
        reply = routeRequest(raw, context);
        if (raw.method !== "GET") persist();
      } catch (error) {
        reply = errorReply(
          500,
          `Emulator error: ${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        origin = undefined;
      }
    }
    const finished = finishReply(reply);
    logged.status = finished.status;
    logged.hub = reply.hub ?? null;
    logged.notificationId = reply.notificationId ?? null;
    logged.outcome = reply.outcome ?? null;
    logged.durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const info: RequestInfo = {
      method: req.method ?? "GET",
      path: (req.url ?? "/").split("?")[0] ?? "/",
      status: finished.status,
      ...(reply.hub === undefined ? {} : { hub: reply.hub }),
      ...(reply.notificationId === undefined ? {} : { notificationId: reply.notificationId }),
    };
    if (fault?.dropAfterAccept) {
      req.socket.destroy();
      options.onRequest?.({ ...info, dropped: true });
      return;
    }
    res.writeHead(finished.status, finished.headers);
    res.end(finished.body);
    options.onRequest?.(info);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      req.socket.destroy();
    });
  };
  const server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key }, listener)
    : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) => {
      tls?.dispose();
      reject(error);
    });
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const authority = `${hostForUrl(host)}:${address.port}`;
  const url = `${tls ? "https" : "http"}://${authority}/`;
  context.url = url;
  // With TLS the connection string has the service's form: sb:// means https:// to clients.
  const endpoint = tls ? `sb://${authority}/` : url;
  context.listenUrl = url;
  for (const hub of hubs.values()) resumeHub(context, hub);
  const connectionString = (rule: SasRule) =>
    `Endpoint=${endpoint};SharedAccessKeyName=${rule.name};SharedAccessKey=${rule.key}`;
  const [fullRule, listenRule] = rules as [SasRule, SasRule];
  let closed: Promise<void> | undefined;
  const hubNamed = (operation: string, name = hubNames[0] ?? ""): HubStore => {
    const hub = hubs.get(name);
    if (hub === undefined) {
      throw new InvalidArgumentError(
        `${operation}: unknown hub '${name}'; hubs are: ${hubNames.join(", ")}`,
      );
    }
    return hub;
  };

  return {
    url,
    hubName: hubNames[0] ?? "demo",
    hubs: [...hubNames],
    connectionString: connectionString(fullRule),
    listenConnectionString: connectionString(listenRule),
    ...(tls === undefined ? {} : { caFile: tls.caFile, caCertificate: tls.caCertificate }),
    ...(tls?.renewed === undefined ? {} : { tlsRenewed: tls.renewed }),
    inboxUrl: `${url}_nhub/${isLoopbackHost(host) ? "" : `?token=${inspectionToken}`}`,
    inspectionToken,
    deliveries: () => deliveries.oldestFirst().map(toDelivery),
    addInstallation(installation, hubName) {
      const hub = hubNamed("addInstallation", hubName ?? installation.hub);
      const normalized = normalizeInstallation(installation);
      hub.installations.set(normalized.installationId, normalized);
      persist();
    },
    putFile(name, text, hubName) {
      const hub = hubNamed("putFile", hubName);
      if (!validFileName(name)) {
        throw new InvalidArgumentError(
          "putFile: name must be a non-empty path of segments, without empty, '.' or '..' parts",
        );
      }
      if (typeof text !== "string")
        throw new InvalidArgumentError("putFile: text must be a string");
      hub.files.set(name, text);
      persist();
      return fileUrl(context, hub, name);
    },
    readFile(urlOrName, hubName) {
      const location = parseFileUrl(context, urlOrName);
      if (location !== undefined) {
        const hub = [...hubs.values()].find(
          (candidate) => candidate.name.toLowerCase() === location.hubName.toLowerCase(),
        );
        return hub?.files.get(location.name);
      }
      return hubNamed("readFile", hubName).files.get(urlOrName);
    },
    injectFault(fault) {
      faults.add(fault);
    },
    reset: resetAll,
    close() {
      closed ??= new Promise<void>((resolve) => {
        scheduler.clear();
        faults.clear();
        streams.close();
        server.close(() => {
          tls?.dispose();
          store?.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
