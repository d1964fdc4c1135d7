import type { NotificationAdapter, PreparedNotification, SendOptions } from "@nhub/core";
import { byteLength, refuse, show } from "./mpns-error.js";
import { type XmlElement, xmlOutline } from "./mpns-xml.js";

/** The MPNS notification types. */
export type MpnsType = "toast" | "tile" | "raw";

/** An MPNS payload: `<wp:Notification>` XML for a toast or tile, or any text or bytes for `raw`. */
export type MpnsPayload = string | Uint8Array;

/** MPNS options. Given to {@link mpns} they are defaults; given to a send they override those. */
export interface MpnsOptions {
  /**
   * The notification type. Default: inferred from the `<wp:Toast>` or `<wp:Tile>` element.
   * `"raw"` sends any text or bytes (at most 1024 bytes) with `X-NotificationClass: 3`. An XML
   * type that disagrees with the payload is refused.
   */
  type?: MpnsType;
  /**
   * How soon MPNS delivers: `"immediate"` (default), within `450` or within `900` seconds.
   * Sets the `X-NotificationClass` batching interval (toast 2/12/22, tile 1/11/21, raw 3/13/23).
   */
  batchingInterval?: "immediate" | 450 | 900;
}

/** Options of an MPNS send: core's send options plus {@link MpnsOptions}. */
export interface MpnsSendOptions extends SendOptions, MpnsOptions {}

/** The adapter returned by {@link mpns}. */
export type MpnsAdapter = NotificationAdapter<MpnsPayload, MpnsSendOptions>;

/** The largest toast or tile body MPNS accepts, in bytes (3 KB). */
export const MPNS_MAX_BYTES = 3072;
/** The largest raw body MPNS accepts, in bytes (1 KB). */
export const MPNS_RAW_MAX_BYTES = 1024;

const NAMESPACE = "WPNotification";
const CLASS = { tile: 1, toast: 2, raw: 3 } as const;
const DELAY = { immediate: 0, 450: 10, 900: 20 } as const;

/**
 * Creates the adapter for the `windowsphone` format (Microsoft Push Notification Service).
 *
 * MPNS is retired: Microsoft no longer delivers to Windows Phone devices. This adapter is kept
 * for hubs that still hold registrations of old apps.
 *
 * @param settings - defaults for every send made with this adapter; per-send options override them.
 * @throws PayloadValidationError when a setting is invalid.
 */
export function mpns(settings: MpnsOptions = {}): MpnsAdapter {
  check(settings);
  return Object.freeze({
    specificationVersion: "v1",
    format: "windowsphone",
    name: "@nhub/mpns",
    prepare(payload: MpnsPayload, options?: MpnsSendOptions): PreparedNotification {
      const merged = check({
        type: options?.type ?? settings.type,
        batchingInterval: options?.batchingInterval ?? settings.batchingInterval,
      });
      const raw = merged.type === "raw";
      if (typeof payload !== "string" && !(raw && payload instanceof Uint8Array)) {
        refuse(
          `the payload must be ${raw ? "a string or a Uint8Array" : 'an XML string (or use type "raw" for bytes)'}; got ${show(payload)}`,
        );
      }
      const size = byteLength(payload);
      const limit = raw ? MPNS_RAW_MAX_BYTES : MPNS_MAX_BYTES;
      if (size > limit)
        refuse(`the body is ${size} bytes; MPNS accepts at most ${limit}${raw ? " for raw" : ""}`);
      const type = raw ? "raw" : kindOf(payload as string);
      if (merged.type !== undefined && merged.type !== type) {
        refuse(
          `option type is ${show(merged.type)} but the payload holds <wp:${type === "toast" ? "Toast" : "Tile"}>`,
        );
      }
      const headers: Record<string, string> = {
        "X-NotificationClass": String(CLASS[type] + DELAY[merged.batchingInterval ?? "immediate"]),
      };
      if (type !== "raw") headers["X-WindowsPhone-Target"] = type === "toast" ? "toast" : "token";
      return { body: payload, contentType: "application/xml;charset=utf-8", headers };
    },
  });
}

function check(options: MpnsOptions): MpnsOptions {
  const { type, batchingInterval } = options;
  if (type !== undefined && type !== "toast" && type !== "tile" && type !== "raw") {
    refuse(`option type must be "toast", "tile" or "raw"; got ${show(type)}`);
  }
  if (
    batchingInterval !== undefined &&
    batchingInterval !== "immediate" &&
    batchingInterval !== 450 &&
    batchingInterval !== 900
  ) {
    refuse(
      `option batchingInterval must be "immediate", 450 or 900; got ${show(batchingInterval)}`,
    );
  }
  return options;
}

/** Finds whether a `<wp:Notification>` document holds a toast or a tile (by namespace URI). */
function kindOf(xml: string): "toast" | "tile" {
  const { root, children } = xmlOutline(xml);
  if (!isWp(root, "Notification")) {
    refuse(
      `the root element must be <wp:Notification xmlns:wp="${NAMESPACE}">; found ${describe(root)}`,
    );
  }
  const [child] = children;
  if (
    children.length !== 1 ||
    !child ||
    !(isWp(child, "Toast", root) || isWp(child, "Tile", root))
  ) {
    const found = child ? children.map((c) => describe(c, root)).join(", ") : "nothing";
    refuse(`<wp:Notification> must hold exactly one <wp:Toast> or <wp:Tile>; found ${found}`);
  }
  return child.name.endsWith("Toast") ? "toast" : "tile";
}

function namespaceOf(element: XmlElement, parent?: XmlElement): string | undefined {
  const colon = element.name.indexOf(":");
  const key = colon < 0 ? "xmlns" : `xmlns:${element.name.slice(0, colon)}`;
  return element.attributes.get(key) ?? parent?.attributes.get(key);
}

function isWp(element: XmlElement, local: string, parent?: XmlElement): boolean {
  return (
    element.name.slice(element.name.indexOf(":") + 1) === local &&
    namespaceOf(element, parent) === NAMESPACE
  );
}

function describe(element: XmlElement, parent?: XmlElement): string {
  const namespace = namespaceOf(element, parent);
  return `<${element.name}> ${namespace === undefined || namespace === "" ? "in no namespace" : `in namespace ${show(namespace)}`}`;
}
