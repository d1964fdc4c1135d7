import type { AnyRegistration, RegistrationChannel } from "@nhub/management";
import { channelFilter } from "@nhub/management";
import { UsageError } from "./cli-error.js";
import { isJsonObject } from "./json-argument.js";

/** The channel field each single-handle kind is written with after `kind:`. */
const SINGLE_FIELD: Readonly<Record<string, string>> = {
  apple: "deviceToken",
  gcm: "gcmRegistrationId",
  fcmv1: "fcmV1RegistrationId",
  windows: "channelUri",
  mpns: "channelUri",
  adm: "admRegistrationId",
  browser: "endpoint",
  xiaomi: "xiaomiRegistrationId",
};

const SYNTAX =
  '--channel must be kind:handle (apple:TOKEN, gcm:ID, fcmv1:ID, windows:URI, mpns:URI, adm:ID, baidu:USERID,CHANNELID, browser:ENDPOINT, xiaomi:ID) or a JSON object such as {"kind":"apple","deviceToken":"..."}';

/**
 * Parses `--channel`: the compact `kind:handle` form (only the first `:` separates, so
 * `windows:https://...` works; Baidu is `baidu:userId,channelId`) or a JSON object
 * `{ kind, ...the kind's channel fields }`. The channel is checked with the filter
 * `listRegistrationsByChannel` sends, so a bad one fails here with exit status 2.
 */
export function parseChannelArgument(text: string): RegistrationChannel {
  const channel = text.trim().startsWith("{") ? parseJsonChannel(text) : parseCompact(text);
  channelFilter(channel, "--channel");
  return channel;
}

function parseJsonChannel(text: string): RegistrationChannel {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${SYNTAX}; the JSON does not parse (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (!isJsonObject(value) || typeof value.kind !== "string") {
    throw new UsageError(`${SYNTAX}; the JSON object needs a "kind"`);
  }
  return value as unknown as RegistrationChannel;
}

function parseCompact(text: string): RegistrationChannel {
  const colon = text.indexOf(":");
  const kind = colon < 0 ? "" : text.slice(0, colon).trim().toLowerCase();
  const handle = colon < 0 ? "" : text.slice(colon + 1).trim();
  if (handle === "" || (kind !== "baidu" && SINGLE_FIELD[kind] === undefined)) {
    throw new UsageError(`${SYNTAX}; got ${JSON.stringify(text)}`);
  }
  if (kind === "baidu") {
    const parts = handle.split(",").map((part) => part.trim());
    if (parts.length !== 2 || parts.some((part) => part === "")) {
      throw new UsageError(
        `--channel for baidu is baidu:USERID,CHANNELID (two non-empty values); got ${JSON.stringify(text)}`,
      );
    }
    return { kind: "baidu", baiduUserId: parts[0] ?? "", baiduChannelId: parts[1] ?? "" };
  }
  return { kind, [SINGLE_FIELD[kind] ?? ""]: handle } as unknown as RegistrationChannel;
}

/**
 * The channel of a registration in the compact form's handle part (what follows `kind:` in
 * `--channel`): the token, id, URI or endpoint; `userId,channelId` for Baidu; `-` when unknown.
 */
export function channelText(registration: AnyRegistration): string {
  switch (registration.kind) {
    case "baidu":
      return `${registration.baiduUserId},${registration.baiduChannelId}`;
    case "unknown":
      return "-";
    default: {
      const field = SINGLE_FIELD[registration.kind] ?? "";
      const value = (registration as unknown as Record<string, unknown>)[field];
      return typeof value === "string" && value !== "" ? value : "-";
    }
  }
}
