import { ServiceError } from "@nhub/core";
import { printDetails } from "../commands/details.js";
import { createProgressBar } from "../progress.js";
import { printBatchResult } from "../send-output.js";
import { type DemoStep, deliveriesOf, expectDevices, idOf, sendStep } from "./demo-context.js";
import { DEMO_DEVICES, demoBatchHandles } from "./demo-devices.js";

const TOAST =
  '<toast><visual><binding template="ToastText01"><text id="1">Hello from nhub!</text></binding></visual></toast>';
const WINDOWS = ["win-anna", "win-bruno", "win-chen", "win-dev"];
const GREETINGS: Record<string, string> = {
  "win-anna": "Hello!",
  "win-bruno": "Bonjour !",
  "iphone-dana": "Hello!",
  "iphone-emile": "Bonjour !",
  "pixel-fatima": "Bonjour !",
};
/** Handles in the batch step: three requests of at most 1000. */
export const DEMO_BATCH_SIZE = 2500;

function pushChannelOf(installationId: string): string {
  const channel = DEMO_DEVICES.find(
    (device) => device.installationId === installationId,
  )?.pushChannel;
  return typeof channel === "string" ? channel : "";
}

/** The walkthrough of the Python sample, then direct, batch, scheduled sends and outcome details. */
export const DEMO_STEPS: readonly DemoStep[] = [
  sendStep({
    title: "Broadcast a toast to every Windows device",
    code: `client.send("windows", '${TOAST.slice(0, 40)}...')`,
    format: "windows",
    payload: TOAST,
    expected: WINDOWS,
  }),
  sendStep({
    title: "Send to one tag",
    code: `client.send("windows", toast, { tags: "sports" })`,
    format: "windows",
    payload: TOAST,
    options: { tags: "sports" },
    expected: ["win-anna", "win-chen"],
  }),
  sendStep({
    title: "Send to several tags (any of them)",
    code: `client.send("windows", toast, { tags: ["sports", "politics"] })`,
    format: "windows",
    payload: TOAST,
    options: { tags: ["sports", "politics"] },
    expected: ["win-anna", "win-bruno", "win-chen"],
  }),
  sendStep({
    title: "Send to a tag expression",
    code: `client.send("windows", toast, { tagExpression: "sports && !politics" })`,
    format: "windows",
    payload: TOAST,
    options: { tagExpression: "sports && !politics" },
    expected: ["win-anna"],
  }),
  sendStep({
    title: "Template send: each device renders its own language",
    code: `client.send("template", { greeting_en: "Hello!", greeting_fr: "Bonjour !" })`,
    format: "template",
    payload: { greeting_en: "Hello!", greeting_fr: "Bonjour !" },
    expected: Object.keys(GREETINGS),
    check: (_result, deliveries) =>
      deliveries
        .filter(
          (delivery) => !delivery.body.includes(GREETINGS[delivery.installationId ?? ""] ?? "\0"),
        )
        .map(
          (delivery) =>
            `${delivery.installationId} did not get "${GREETINGS[delivery.installationId ?? ""]}"`,
        ),
  }),
  sendStep({
    title: "Apple alert (one device has an expired channel)",
    code: `client.send("apple", { aps: { alert: "Goal!" } })`,
    format: "apple",
    payload: { aps: { alert: "Goal!", sound: "default" } },
    expected: ["iphone-dana", "iphone-emile"],
    remember: "apple",
    check: (result) =>
      result.outcome?.failure === 1
        ? []
        : ["expected the expired iPhone to be reported as a failure"],
  }),
  sendStep({
    title: "FCM v1 message",
    code: `client.send("fcmv1", { message: { notification: { title, body } } })`,
    format: "fcmv1",
    payload: { message: { notification: { title: "Breaking news", body: "Read all about it" } } },
    expected: ["pixel-fatima", "pixel-gus"],
  }),
  sendStep({
    title: "Legacy GCM message (retired by Google in June 2024)",
    code: `client.send("gcm", { data: { message: "Hello" } })`,
    format: "gcm",
    payload: { data: { message: "Hello from the legacy API" } },
    expected: ["android-hana"],
  }),
  sendStep({
    title: "Amazon Device Messaging",
    code: `client.send("adm", { data: { message: "Hello" } })`,
    format: "adm",
    payload: { data: { message: "Hello Kindle" } },
    expected: ["kindle-ivan"],
  }),
  sendStep({
    title: "Baidu",
    code: `client.send("baidu", { title: "Hello", description: "..." })`,
    format: "baidu",
    payload: { title: "Hello", description: "Hello from nhub" },
    expected: ["baidu-jun"],
  }),
  sendStep({
    title: "MPNS toast (retired Windows Phone platform)",
    code: `client.send("windowsphone", '<wp:Notification xmlns:wp="WPNotification"><wp:Toast>...')`,
    format: "windowsphone",
    payload:
      '<?xml version="1.0" encoding="utf-8"?><wp:Notification xmlns:wp="WPNotification"><wp:Toast><wp:Text1>Hello</wp:Text1><wp:Text2>from nhub</wp:Text2></wp:Toast></wp:Notification>',
    expected: ["lumia-kofi"],
  }),
  sendStep({
    title: "Web Push to browsers",
    code: `client.send("browser", { title: "Hello", body: "..." })`,
    format: "browser",
    payload: { title: "Hello", body: "Hello from nhub" },
    expected: ["browser-lea"],
  }),
  sendStep({
    title: "Xiaomi",
    code: `client.send("xiaomi", { title: "Hello", description: "..." })`,
    format: "xiaomi",
    payload: { title: "Hello", description: "Hello from nhub" },
    expected: ["xiaomi-ming"],
  }),
  {
    title: "Direct send to one device handle",
    code: `client.sendDirect("fcmv1", message, "<pixel-gus's FCM token>")`,
    async run(context) {
      const token = pushChannelOf("pixel-gus");
      const result = await context.client.sendDirect(
        "fcmv1",
        { message: { data: { code: "482913" } } },
        token,
      );
      const problems: string[] = [];
      const ids = idOf(result, problems);
      const deliveries = deliveriesOf(context.emulator, ids);
      if (deliveries.length !== 1 || deliveries[0]?.pushChannel !== token) {
        problems.push(`expected exactly one delivery to ${token}; got ${deliveries.length}`);
      }
      return { notificationIds: ids, problems };
    },
  },
  {
    title: `Batch send to ${DEMO_BATCH_SIZE} device handles (requests of at most 1000)`,
    code: `client.sendBatch("fcmv1", message, handles, { onProgress })`,
    async run(context) {
      const { cli } = context;
      const handles = demoBatchHandles(DEMO_BATCH_SIZE);
      const bar = createProgressBar(cli.stdout, "handles sent");
      const { value: result, dumps } = await context.collectDumps(() =>
        context.client.sendBatch(
          "fcmv1",
          { message: { notification: { title: "Batch", body: "One push, many handles" } } },
          handles,
          {
            concurrency: 2,
            onProgress: ({ sent, total }) => {
              if (cli.stdout.isTTY) bar.update(sent, total);
              else cli.out(`  progress: ${sent}/${total} handles sent`);
            },
          },
        ),
      );
      bar.done();
      if (dumps[0]) {
        cli.out(cli.color.dim(`  (debug dump of the first of ${dumps.length} requests)`));
        context.printDump(dumps[0]);
      }
      printBatchResult(cli, result);
      const ids = result.requests.flatMap((request) => request.result?.notificationId ?? []);
      const problems: string[] = [];
      if (result.failed > 0 || result.requests.length !== 3) {
        problems.push(
          `expected 3 requests all sent; got ${result.requests.length}, ${result.failed} handles failed`,
        );
      }
      const reached = new Set(
        deliveriesOf(context.emulator, ids).map((delivery) => delivery.pushChannel),
      );
      if (reached.size !== handles.length || handles.some((handle) => !reached.has(handle))) {
        problems.push(`expected all ${handles.length} handles to be reached; ${reached.size} were`);
      } else {
        cli.out(`  The emulator delivered to all ${reached.size} handles.`);
      }
      return { notificationIds: ids, problems, listDeliveries: false };
    },
  },
  {
    title: "Schedule a push for later, then cancel it before its time",
    code: `const { notificationId } = await client.scheduleSend("windows", toast, inOneHour);\nawait client.cancelScheduled(notificationId)`,
    async run(context) {
      const inOneHour = new Date(Date.now() + 3_600_000);
      const result = await context.client.scheduleSend("windows", TOAST, inOneHour);
      const problems: string[] = [];
      const ids = idOf(result, problems);
      const id = ids[0];
      if (id !== undefined) {
        context.cli.out(`  Scheduled ${id} for ${inOneHour.toISOString()}; cancelling it.`);
        await context.client.cancelScheduled(id);
        try {
          await context.client.cancelScheduled(id);
          problems.push("cancelling a second time should be refused (the push is gone)");
        } catch (error) {
          if (ServiceError.isInstance(error) && error.statusCode === 404) {
            context.cli.out("  Cancelling it again is refused with 404: nothing is left to send.");
          } else throw error;
        }
      }
      problems.push(...expectDevices(deliveriesOf(context.emulator, ids), []));
      return { notificationIds: ids, problems };
    },
  },
  {
    title: "Outcome details of the Apple alert",
    code: `client.getNotificationOutcomeDetails(appleNotificationId, { waitMs: 2000 })`,
    async run(context) {
      const id = context.remember.get("apple");
      if (id === undefined)
        return { notificationIds: [], problems: ["the Apple alert step sent nothing"] };
      const details = await context.client.getNotificationOutcomeDetails(id, {
        waitMs: 2000,
        intervalMs: 50,
      });
      printDetails(context.cli, details);
      const apns = details.outcomeCounts.apns ?? {};
      const problems =
        apns.Success === 2 && apns.ExpiredChannel === 1
          ? []
          : [`expected apns counts Success 2 and ExpiredChannel 1; got ${JSON.stringify(apns)}`];
      return { notificationIds: [], problems };
    },
  },
];
