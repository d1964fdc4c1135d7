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

/** A send of the test: its headers, body, and the title and body the preview must show. */
export interface InboxSend {
  platform: string;
  tag: string;
  headers: Record<string, string>;
  body: string;
  title: string;
  text: string;
}

const json = "application/json;charset=utf-8";

/** One send per platform, and a template send. */
export const INBOX_SENDS: InboxSend[] = [
  {
    platform: "apns",
    tag: "p-apns",
    headers: {
      "ServiceBusNotification-Format": "apple",
      "Content-Type": json,
      "apns-push-type": "alert",
    },
    body: '{"aps":{"alert":{"title":"Apple title","subtitle":"Apple subtitle","body":"Apple body"},"badge":3,"sound":"default"},"order":"42"}',
    title: "Apple title",
    text: "Apple body",
  },
  {
    platform: "fcmv1",
    tag: "p-fcmv1",
    headers: { "ServiceBusNotification-Format": "fcmv1", "Content-Type": json },
    body: '{"message":{"notification":{"title":"FCM title","body":"FCM body","image":"https://img.example/a.png"},"data":{"order":"42"}}}',
    title: "FCM title",
    text: "FCM body",
  },
  {
    platform: "gcm",
    tag: "p-gcm",
    headers: { "ServiceBusNotification-Format": "gcm", "Content-Type": json },
    body: '{"notification":{"title":"GCM title","body":"GCM body"},"data":{"k":"v"}}',
    title: "GCM title",
    text: "GCM body",
  },
  {
    platform: "wns",
    tag: "p-wns",
    headers: {
      "ServiceBusNotification-Format": "windows",
      "Content-Type": "application/xml",
      "X-WNS-Type": "wns/toast",
    },
    body: '<toast><visual><binding template="ToastGeneric"><text>WNS title</text><text>WNS body</text><image src="https://img.example/t.png"/></binding></visual></toast>',
    title: "WNS title",
    text: "WNS body",
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
    body: '<?xml version="1.0" encoding="utf-8"?><wp:Notification xmlns:wp="WPNotification"><wp:Toast><wp:Text1>MPNS title</wp:Text1><wp:Text2>MPNS body</wp:Text2></wp:Toast></wp:Notification>',
    title: "MPNS title",
    text: "MPNS body",
  },
  {
    platform: "adm",
    tag: "p-adm",
    headers: { "ServiceBusNotification-Format": "adm", "Content-Type": json },
    body: '{"data":{"title":"ADM title","message":"ADM body"},"consolidationKey":"c1"}',
    title: "ADM title",
    text: "ADM body",
  },
  {
    platform: "baidu",
    tag: "p-baidu",
    headers: { "ServiceBusNotification-Format": "baidu", "Content-Type": json },
    body: '{"title":"Baidu title","description":"Baidu body"}',
    title: "Baidu title",
    text: "Baidu body",
  },
  {
    platform: "xiaomi",
    tag: "p-xiaomi",
    headers: { "ServiceBusNotification-Format": "xiaomi", "Content-Type": json },
    body: '{"title":"Xiaomi title","description":"Xiaomi body","payload":"order=42"}',
    title: "Xiaomi title",
    text: "Xiaomi body",
  },
  {
    platform: "browser",
    tag: "p-browser",
    headers: { "ServiceBusNotification-Format": "browser", "Content-Type": json },
    body: '{"title":"Web title","body":"Web body","icon":"https://img.example/i.png"}',
    title: "Web title",
    text: "Web body",
  },
  {
    platform: "apns",
    tag: "p-template",
    headers: { "ServiceBusNotification-Format": "template", "Content-Type": json },
    body: '{"title":"Template title","message":"Template body"}',
    title: "Template title",
    text: "Template body",
  },
];

/** Markup that must stay text: it would set `window.__pwned` if it ever became HTML. */
export const IMG_MARKUP = '<img src=x onerror="window.__pwned=1">';
/** A script element as text. */
export const SCRIPT_MARKUP = "<script>window.__pwned=1</script>";

/** Sends whose preview is not a plain notification, and the label the preview must carry. */
export const INBOX_KINDS: (Omit<InboxSend, "text"> & { label: string })[] = [
  {
    platform: "fcmv1",
    tag: "p-fcmv1",
    headers: { "ServiceBusNotification-Format": "fcmv1", "Content-Type": json },
    body: '{"message":{"data":{"sync":"inbox"}}}',
    title: "",
    label: "data message",
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
    title: "",
    label: "background",
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
    title: "7",
    label: "Windows badge",
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
    title: "Tile title",
    label: "Windows live tile",
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
    title: "Phone tile",
    label: "Windows Phone tile",
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
    title: "",
    label: "cannot render, see raw",
  },
];
