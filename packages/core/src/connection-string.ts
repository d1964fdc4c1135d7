import { ConnectionStringError } from "./errors.js";

/** The parts of a Notification Hubs connection string that a client needs. */
export interface ConnectionStringParts {
  /**
   * Absolute base URL of the namespace, always ending in `/`: `sb://` is turned into `https://`,
   * `https://` and `http://` are kept (with `UseDevelopmentEmulator=true` the scheme is `http://`).
   * A path given in the endpoint is kept (`http://127.0.0.1:8080/prefix/`).
   */
  endpoint: string;
  /** The shared access rule name (`SharedAccessKeyName`). */
  keyName: string;
  /** The shared access key exactly as written (`SharedAccessKey`); a secret. */
  key: string;
}

const EXAMPLE =
  "Endpoint=sb://{namespace}.servicebus.windows.net/;SharedAccessKeyName={rule};SharedAccessKey={key}";
const HINT = `Copy the connection string from the Azure portal (Notification Hub > Access Policies); it looks like ${EXAMPLE}.`;
const ENDPOINT_EXAMPLE = "sb://{namespace}.servicebus.windows.net/";
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

type KnownPart = "Endpoint" | "SharedAccessKeyName" | "SharedAccessKey" | "UseDevelopmentEmulator";

const KNOWN_PARTS: Readonly<Record<string, KnownPart>> = {
  endpoint: "Endpoint",
  sharedaccesskeyname: "SharedAccessKeyName",
  sharedaccesskey: "SharedAccessKey",
  usedevelopmentemulator: "UseDevelopmentEmulator",
};

// Every message is built from fixed text and part names only: never from a value, so the key
// (or any piece of it) cannot end up in an error.
function fail(problem: string): never {
  throw new ConnectionStringError(`Invalid connection string: ${problem}`);
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

/**
 * Parses a Notification Hubs connection string
 * (`Endpoint=sb://{namespace}.servicebus.windows.net/;SharedAccessKeyName={rule};SharedAccessKey={key}`).
 *
 * Parts may come in any order; part names are case-insensitive; each part is split at its first
 * `=` (keys end in `=` and contain `+` and `/`); whitespace around names and values and empty
 * parts (a trailing `;`) are tolerated; unknown parts such as `EntityPath` are ignored.
 * `UseDevelopmentEmulator=true` (the convention of Azure's local emulators) makes the endpoint
 * plain `http://`.
 *
 * @throws {ConnectionStringError} (code `INVALID_CONNECTION_STRING`) when the input is not a
 * string or not a connection string, a required part is missing or empty, a part appears twice
 * with different values, or the endpoint is malformed. The message names the problem and never
 * contains the key.
 */
export function parseConnectionString(text: string): ConnectionStringParts {
  if (typeof text !== "string") {
    fail(`expected a string, got ${describeType(text)}. ${HINT}`);
  }
  const values: Partial<Record<KnownPart, string>> = {};
  const withoutEquals: number[] = [];
  let pairs = 0;
  let sasSignature = false;
  const parts = text.split(";");
  for (let i = 0; i < parts.length; i++) {
    const part = (parts[i] as string).trim();
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq === -1) {
      withoutEquals.push(i + 1);
      continue;
    }
    pairs++;
    const lowerName = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (lowerName === "") {
      fail(`part ${i + 1} (counting parts separated by ";") has no name before "=". ${HINT}`);
    }
    if (lowerName === "sharedaccesssignature") sasSignature = true;
    const name = Object.hasOwn(KNOWN_PARTS, lowerName) ? KNOWN_PARTS[lowerName] : undefined;
    if (name === undefined) continue;
    const previous = values[name];
    if (previous !== undefined && previous !== value) {
      fail(`the ${name} part appears more than once with different values; keep only one.`);
    }
    values[name] = value;
  }

  if (pairs === 0) {
    fail(
      withoutEquals.length === 0
        ? `the string is empty (nothing but ";" and whitespace). ${HINT}`
        : `this is not a connection string (no Name=value parts separated by ";"). ${HINT}`,
    );
  }
  if (withoutEquals.length > 0) {
    const which = withoutEquals.join(", ");
    fail(
      `part${withoutEquals.length > 1 ? "s" : ""} ${which} (counting parts separated by ";") ` +
        `${withoutEquals.length > 1 ? "are" : "is"} not of the form Name=value. ${HINT}`,
    );
  }

  const missing = (["Endpoint", "SharedAccessKeyName", "SharedAccessKey"] as const).filter(
    (name) => values[name] === undefined,
  );
  if (missing.length > 0) {
    const list = missing.join(", ");
    const sas = sasSignature
      ? " Connection strings holding a SharedAccessSignature are not supported; use one with SharedAccessKeyName and SharedAccessKey."
      : "";
    fail(`the ${list} part${missing.length > 1 ? "s are" : " is"} missing.${sas} ${HINT}`);
  }
  const empty = (["Endpoint", "SharedAccessKeyName", "SharedAccessKey"] as const).filter(
    (name) => values[name] === "",
  );
  if (empty.length > 0) {
    fail(`the ${empty.join(", ")} part${empty.length > 1 ? "s are" : " is"} empty. ${HINT}`);
  }

  let emulator = false;
  const flag = values.UseDevelopmentEmulator;
  if (flag !== undefined) {
    const lower = flag.toLowerCase();
    if (lower !== "true" && lower !== "false") {
      fail('the UseDevelopmentEmulator part must be "true" or "false".');
    }
    emulator = lower === "true";
  }

  return {
    endpoint: normalizeEndpoint(values.Endpoint as string, emulator),
    keyName: values.SharedAccessKeyName as string,
    key: values.SharedAccessKey as string,
  };
}

/** Turns the `Endpoint` value into an absolute `https://` or `http://` URL ending in `/`. */
function normalizeEndpoint(raw: string, emulator: boolean): string {
  const match = SCHEME.exec(raw);
  if (match === null) {
    fail(`the Endpoint is not an absolute URL; write it as ${ENDPOINT_EXAMPLE}.`);
  }
  const scheme = (match[1] as string).toLowerCase();
  if (scheme !== "sb" && scheme !== "https" && scheme !== "http") {
    fail(
      `the Endpoint uses an unsupported scheme; use sb:// or https:// (or http:// for a local emulator), as in ${ENDPOINT_EXAMPLE}.`,
    );
  }
  const rest = raw.slice(match[0].length);
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || c === 0x5c) {
      fail("the Endpoint contains whitespace, a control character or a backslash; remove it.");
    }
    if (c === 0x3f || c === 0x23) {
      fail('the Endpoint has a query string or fragment; remove everything from the "?" or "#".');
    }
  }
  const slash = rest.indexOf("/");
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  if (authority === "") {
    fail(`the Endpoint has no host name; write it as ${ENDPOINT_EXAMPLE}.`);
  }
  if (authority.includes("@")) {
    fail('the Endpoint must not contain user information ("user@"); remove it.');
  }
  const protocol = emulator || scheme === "http" ? "http:" : "https:";
  let url: URL;
  try {
    url = new URL(`${protocol}//${rest}`);
  } catch {
    // The URL error is not attached as a cause: it echoes the input.
    fail("the Endpoint is not a valid URL; check its host name and port.");
  }
  if (url.hostname === "") {
    fail(`the Endpoint has no host name; write it as ${ENDPOINT_EXAMPLE}.`);
  }
  const path = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  return `${url.protocol}//${url.host}${path}`;
}
