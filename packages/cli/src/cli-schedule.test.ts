import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Emulator, startEmulator } from "@nhub/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runBin } from "./run-bin.test-helper.js";

const TOAST =
  '<toast><visual><binding template="ToastText01"><text id="1">Hi</text></binding></visual></toast>';
const KEY = "c2NoZWR1bGUtdGVzdC1rZXk=";
let emulator: Emulator;
let recorder: Server;
let recorded: { url: string; headers: IncomingHttpHeaders }[] = [];
let recorderHub: string[];
let emulatorHub: string[];

beforeAll(async () => {
  emulator = await startEmulator();
  // A test server standing in for the hub, to see the headers the CLI sends.
  recorder = createServer((req, res) => {
    recorded.push({ url: req.url ?? "", headers: req.headers });
    req.resume();
    req.on("end", () => {
      res.writeHead(201, {
        Location: `http://${req.headers.host}/h/schedulednotifications/sched-1?api-version=2020-06`,
        TrackingId: "t-1",
      });
      res.end();
    });
  });
  await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
  const port = (recorder.address() as AddressInfo).port;
  recorderHub = [
    "--hub",
    "h",
    "--connection-string",
    `Endpoint=http://127.0.0.1:${port}/;SharedAccessKeyName=Full;SharedAccessKey=${KEY}`,
  ];
  emulatorHub = ["--hub", emulator.hubName, "--connection-string", emulator.connectionString];
});
afterAll(async () => {
  await new Promise<void>((resolve) => recorder.close(() => resolve()));
  await emulator.close();
});
beforeEach(() => {
  recorded = [];
});

const later = () => new Date(Date.now() + 3_600_000).toISOString();
const schedule = (at: string, ...rest: string[]) => [
  "send",
  "--format",
  "windows",
  "--payload",
  TOAST,
  "--schedule",
  at,
  ...rest,
];

describe("nhub send --schedule with tags", () => {
  it("sends --tags and --tag-expression as the scheduled send's tags", async () => {
    const at = later();
    const withTags = await runBin([...schedule(at, "--tags", "sports,news"), ...recorderHub]);
    expect(withTags.stderr).toBe("");
    expect(withTags.code).toBe(0);
    const withExpression = await runBin([
      ...schedule(at, "--tag-expression", "sports && !muted"),
      ...recorderHub,
    ]);
    expect(withExpression.code).toBe(0);
    expect(recorded.map((r) => r.url.split("?")[0])).toEqual([
      "/h/schedulednotifications",
      "/h/schedulednotifications",
    ]);
    expect(recorded.map((r) => r.headers["servicebusnotification-tags"])).toEqual([
      "sports||news",
      "sports && !muted",
    ]);
    expect(recorded[0]?.headers["servicebusnotification-scheduletime"]).toBe(at.slice(0, 19));
  });

  it("is accepted by the emulator with a tag expression", async () => {
    const run = await runBin([
      ...schedule(later(), "--tag-expression", "a || b", "--json"),
      ...emulatorHub,
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).notificationId).toMatch(/^NH-/);
  });

  it("refuses a time in the past with exit 2 before sending anything", async () => {
    const run = await runBin([...schedule("2020-01-01T00:00:00Z", "--tags", "a"), ...recorderHub]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^nhub: --schedule 2020-01-01T00:00:00\.000Z is in the past \(now \S+\); give a later time, or leave out --schedule to send now\.\n$/,
    );
    expect(recorded).toEqual([]);
  });
});
