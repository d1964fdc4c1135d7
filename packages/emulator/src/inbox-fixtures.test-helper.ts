import { TEST_IMAGES } from "./inbox-images.test-helper.js";
import type { Installation } from "./types.js";

/** One device of every platform (tag `p-<platform>`), and a device with a template. */
export const INBOX_DEVICES: Installation[] = [
  {
    installationId: "iphone-1",
    platform: "apns",
    pushChannel: "apns-token-1",
    tags: ["p-apns", "team-a"],
  },
  {
    installationId: "pixel-1",
    platform: "fcmv1",
    pushChannel: "fcm-token-1",
    tags: ["p-fcmv1", "team-a"],
  },
  { installationId: "legacy-1", platform: "gcm", pushChannel: "gcm-token-1", tags: ["p-gcm"] },
  {
    installationId: "surface-1",
    platform: "wns",
    pushChannel: "https://wns.example/surface-1",
    tags: ["p-wns", "team-b"],
  },
  {
    installationId: "lumia-1",
    platform: "mpns",
    pushChannel: "https://mpns.example/lumia-1",
    tags: ["p-mpns"],
  },
  { installationId: "kindle-1", platform: "adm", pushChannel: "adm-id-1", tags: ["p-adm"] },
  {
    installationId: "baidu-1",
    platform: "baidu",
    pushChannel: "baidu-user-1-channel-1",
    tags: ["p-baidu"],
  },
  { installationId: "mi-1", platform: "xiaomi", pushChannel: "xiaomi-reg-1", tags: ["p-xiaomi"] },
  {
    installationId: "chrome-1",
    platform: "browser",
    pushChannel: { endpoint: "https://push.example/chrome-1", p256dh: "BPkey", auth: "authsecret" },
    tags: ["p-browser"],
  },
  {
    installationId: "iphone-tpl",
    platform: "apns",
    pushChannel: "apns-token-tpl",
    tags: ["p-template"],
    templates: {
      greeting: { body: '{"aps":{"alert":{"title":"$(title)","body":"$(message)"}}}' },
    },
  },
];

/** What the preview of a delivery shows, as the test reads it from the page. */
export interface PreviewFacts {
  /** The card's kind: notification, data-only, raw, badge, tile or invalid. */
  kind: string;
  label: string;
  title: string;
  subtitle: string;
  body: string;
  lines: string[];
  meta: [string, string][];
  data: [string, string][];
  /** In page order: hero, icons, pictures, then those shown as their URL text. */
  images: ShownImage[];
  note: string;
}

/** An image of a preview: loaded (with its natural width) or shown as its URL. */
export type ShownImage =
  | { role: string; src: string; shown: "image"; width: number }
  | { role: string; src: string; shown: "text" };

/** A send of the test: its headers, body, and what its preview must show. */
export interface InboxSend {
  platform: string;
  tag: string;
  headers: Record<string, string>;
  body: string;
  preview: PreviewFacts;
}

const json = "application/json;charset=utf-8";

/** The facts of a preview: the given ones, the others empty. */
export function facts(given: Partial<PreviewFacts> & Pick<PreviewFacts, "label">): PreviewFacts {
  return {
    kind: "notification",
    title: "",
    subtitle: "",
    body: "",
    lines: [],
    meta: [],
    data: [],
    images: [],
    note: "",
    ...given,
  };
}

/** A loaded image of the image server (`inbox-images.test-helper.ts`) at `base`. */
export function loaded(base: string, role: string, path: string): ShownImage {
  const size = TEST_IMAGES[path];
  if (size === undefined) throw new Error(`no test image ${path}`);
  return { role, src: `${base}${path.slice(1)}`, shown: "image", width: size.width };
}

/**
 * One send per platform, and a template send; their images come from the image server at
 * `images` (`http://127.0.0.1:<port>/`).
 */
export function inboxSends(images: string): InboxSend[] {
  return [
    {
      platform: "apns",
      tag: "p-apns",
      headers: {
        "ServiceBusNotification-Format": "apple",
        "Content-Type": json,
        "apns-push-type": "alert",
      },
      body: '{"aps":{"alert":{"title":"Apple title","subtitle":"Apple subtitle","body":"Apple body"},"badge":3,"sound":"default"},"order":"42"}',
      preview: facts({
        label: "iOS alert",
        title: "Apple title",
        subtitle: "Apple subtitle",
        body: "Apple body",
        meta: [
          ["badge", "3"],
          ["sound", "default"],
        ],
        data: [["order", "42"]],
      }),
    },
    {
      platform: "fcmv1",
      tag: "p-fcmv1",
      headers: { "ServiceBusNotification-Format": "fcmv1", "Content-Type": json },
      body: JSON.stringify({
        message: {
          notification: { title: "FCM title", body: "FCM body", image: `${images}picture.png` },
          android: { notification: { channel_id: "orders" } },
          data: { order: "42", kind: "reorder" },
        },
      }),
      preview: facts({
        label: "Android notification (FCM v1)",
        title: "FCM title",
        body: "FCM body",
        meta: [["channel", "orders"]],
        data: [
          ["order", "42"],
          ["kind", "reorder"],
        ],
        images: [loaded(images, "picture", "/picture.png")],
      }),
    },
    {
      platform: "gcm",
      tag: "p-gcm",
      headers: { "ServiceBusNotification-Format": "gcm", "Content-Type": json },
      body: JSON.stringify({
        notification: {
          title: "GCM title",
          body: "GCM body",
          image: `${images}picture.png`,
          icon: `${images}icon.png`,
        },
        data: { k: "v" },
      }),
      preview: facts({
        label: "Android notification (GCM)",
        title: "GCM title",
        body: "GCM body",
        data: [["k", "v"]],
        images: [loaded(images, "icon", "/icon.png"), loaded(images, "picture", "/picture.png")],
      }),
    },
    {
      platform: "wns",
      tag: "p-wns",
      headers: {
        "ServiceBusNotification-Format": "windows",
        "Content-Type": "application/xml",
        "X-WNS-Type": "wns/toast",
      },
      body: `<toast launch="order=42"><visual><binding template="ToastGeneric"><text>WNS title</text><text>WNS body</text><text>WNS third line</text><image placement="appLogoOverride" src="${images}logo.png"/><image placement="hero" src="${images}hero.png"/><image src="${images}picture.png"/></binding></visual><audio src="ms-winsoundevent:Notification.Reminder"/></toast>`,
      preview: facts({
        label: "Windows toast",
        title: "WNS title",
        body: "WNS body\nWNS third line",
        meta: [
          ["template", "ToastGeneric"],
          ["launch", "order=42"],
          ["audio", "ms-winsoundevent:Notification.Reminder"],
        ],
        images: [
          loaded(images, "hero", "/hero.png"),
          loaded(images, "icon", "/logo.png"),
          loaded(images, "picture", "/picture.png"),
        ],
      }),
    },
    {
      platform: "mpns",
      tag: "p-mpns",
      headers: {
        "ServiceBusNotification-Format": "windowsphone",
        "Content-Type": "application/xml",
        "X-WindowsPhone-Target": "toast",
        "X-NotificationClass": "2",
      },
      body: '<?xml version="1.0" encoding="utf-8"?><wp:Notification xmlns:wp="WPNotification"><wp:Toast><wp:Text1>MPNS title</wp:Text1><wp:Text2>MPNS body</wp:Text2><wp:Param>/Order.xaml?id=42</wp:Param></wp:Toast></wp:Notification>',
      preview: facts({
        label: "Windows Phone toast",
        title: "MPNS title",
        body: "MPNS body",
        meta: [["param", "/Order.xaml?id=42"]],
      }),
    },
    {
      platform: "adm",
      tag: "p-adm",
      headers: { "ServiceBusNotification-Format": "adm", "Content-Type": json },
      body: '{"data":{"title":"ADM title","message":"ADM body"},"consolidationKey":"c1"}',
      preview: facts({
        label: "Amazon (ADM) message",
        title: "ADM title",
        body: "ADM body",
        meta: [["consolidationKey", "c1"]],
        data: [
          ["title", "ADM title"],
          ["message", "ADM body"],
        ],
        note: "ADM delivers data to the app, which shows it",
      }),
    },
    {
      platform: "baidu",
      tag: "p-baidu",
      headers: { "ServiceBusNotification-Format": "baidu", "Content-Type": json },
      body: '{"title":"Baidu title","description":"Baidu body","custom_content":{"order":"42"}}',
      preview: facts({
        label: "Baidu notification",
        title: "Baidu title",
        body: "Baidu body",
        data: [["custom_content", '{"order":"42"}']],
      }),
    },
    {
      platform: "xiaomi",
      tag: "p-xiaomi",
      headers: { "ServiceBusNotification-Format": "xiaomi", "Content-Type": json },
      body: '{"title":"Xiaomi title","description":"Xiaomi body","payload":"order=42"}',
      preview: facts({
        label: "Xiaomi notification",
        title: "Xiaomi title",
        body: "Xiaomi body",
        meta: [["payload", "order=42"]],
      }),
    },
    {
      platform: "browser",
      tag: "p-browser",
      headers: { "ServiceBusNotification-Format": "browser", "Content-Type": json },
      body: JSON.stringify({
        title: "Web title",
        body: "Web body",
        icon: `${images}icon.png`,
        image: `${images}picture.png`,
        tag: "order-42",
        data: { url: "/orders/42" },
      }),
      preview: facts({
        label: "Browser notification (Web Push)",
        title: "Web title",
        body: "Web body",
        meta: [["tag", "order-42"]],
        data: [["data", '{"url":"/orders/42"}']],
        images: [loaded(images, "icon", "/icon.png"), loaded(images, "picture", "/picture.png")],
      }),
    },
    {
      platform: "apns",
      tag: "p-template",
      headers: { "ServiceBusNotification-Format": "template", "Content-Type": json },
      body: '{"title":"Template title","message":"Template body"}',
      preview: facts({ label: "iOS alert", title: "Template title", body: "Template body" }),
    },
  ];
}

/** Markup that must stay text: it would set `window.__pwned` if it ever became HTML. */
export const IMG_MARKUP = '<img src=x onerror="window.__pwned=1">';
/** A script element as text. */
export const SCRIPT_MARKUP = "<script>window.__pwned=1</script>";

/** Sends whose preview is not a plain notification, and what the preview must show. */
export const INBOX_KINDS: InboxSend[] = [
  {
    platform: "fcmv1",
    tag: "p-fcmv1",
    headers: { "ServiceBusNotification-Format": "fcmv1", "Content-Type": json },
    body: '{"message":{"data":{"sync":"inbox"}}}',
    preview: facts({
      kind: "data-only",
      label: "Android notification (FCM v1) (data message)",
      data: [["sync", "inbox"]],
      note: "data-only: nothing is shown, the data goes to the app",
    }),
  },
  {
    platform: "apns",
    tag: "p-apns",
    headers: {
      "ServiceBusNotification-Format": "apple",
      "Content-Type": json,
      "apns-push-type": "background",
      "apns-priority": "5",
    },
    body: '{"aps":{"content-available":1},"sync":"inbox"}',
    preview: facts({
      kind: "data-only",
      label: "iOS background push (content-available)",
      meta: [["content-available", "1"]],
      data: [["sync", "inbox"]],
      note: "data-only: no alert is shown, the app is woken in the background",
    }),
  },
  {
    platform: "wns",
    tag: "p-wns",
    headers: {
      "ServiceBusNotification-Format": "windows",
      "Content-Type": "application/xml",
      "X-WNS-Type": "wns/badge",
    },
    body: '<badge value="7"/>',
    preview: facts({ kind: "badge", label: "Windows badge", title: "7", meta: [["number", "7"]] }),
  },
  {
    platform: "wns",
    tag: "p-wns",
    headers: {
      "ServiceBusNotification-Format": "windows",
      "Content-Type": "application/xml",
      "X-WNS-Type": "wns/tile",
    },
    body: '<tile><visual><binding template="TileMedium"><text>Tile title</text><text>Tile line</text></binding></visual></tile>',
    preview: facts({
      kind: "tile",
      label: "Windows live tile",
      title: "Tile title",
      body: "Tile line",
      meta: [["bindings", "TileMedium"]],
    }),
  },
  {
    platform: "mpns",
    tag: "p-mpns",
    headers: {
      "ServiceBusNotification-Format": "windowsphone",
      "Content-Type": "application/xml",
      "X-WindowsPhone-Target": "token",
      "X-NotificationClass": "1",
    },
    body: '<?xml version="1.0" encoding="utf-8"?><wp:Notification xmlns:wp="WPNotification"><wp:Tile><wp:Count>4</wp:Count><wp:Title>Phone tile</wp:Title></wp:Tile></wp:Notification>',
    preview: facts({
      kind: "tile",
      label: "Windows Phone tile",
      title: "Phone tile",
      meta: [["count", "4"]],
    }),
  },
  {
    platform: "mpns",
    tag: "p-mpns",
    headers: {
      "ServiceBusNotification-Format": "windowsphone",
      "Content-Type": "application/xml",
      "X-WindowsPhone-Target": "toast",
      "X-NotificationClass": "2",
    },
    body: "this is not XML <",
    preview: facts({
      kind: "invalid",
      label: "cannot render, see raw",
      note: "the body is not well-formed XML",
    }),
  },
];
