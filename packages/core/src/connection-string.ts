import { ConnectionStringError } from "./errors.js";
import { describeValue } from "./payload-kit.js";

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

const HINT =
  "Copy it from the Azure portal (Notification Hub > Access Policies): Endpoint=sb://{namespace}.servicebus.windows.net/;SharedAccessKeyName={rule};SharedAccessKey={key}";
const REQUIRED = ["Endpoint", "SharedAccessKeyName", "SharedAccessKey"] as const;
const NAMES = [...REQUIRED, "UseDevelopmentEmulator"];

// Every message is built from fixed text, part names and positions only: never from a value,
// so the key (or any piece of it) cannot end up in an error.
function fail(problem: string, hint = ""): never {
  throw new ConnectionStringError(`Invalid connection string: ${problem}.${hint && ` ${hint}.`}`);
}

function partList(names: readonly string[], problem: string): string {
  return `the ${names.join(", ")} part${names.length > 1 ? "s are" : " is"} ${problem}`;
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
  if (typeof text !== "string") fail(`expected a string, got ${describeValue(text)}`, HINT);
  const values: Record<string, string> = {};
  const bare: number[] = [];
  let pairs = 0;
  let sas = false;
  text.split(";").forEach((raw, i) => {
    const part = raw.trim();
    const eq = part.indexOf("=");
    if (part === "") return;
    if (eq < 0) {
      bare.push(i + 1);
      return;
    }
    pairs++;
    const lower = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (lower === "") fail(`part ${i + 1} (counting parts separated by ";") has no name`, HINT);
    sas ||= lower === "sharedaccesssignature";
    const name = NAMES.find((known) => known.toLowerCase() === lower);
    if (name === undefined) return;
    if (values[name] !== undefined && values[name] !== value) {
      fail(`the ${name} part appears more than once with different values; keep one`);
    }
    values[name] = value;
  });
  if (pairs === 0) {
    fail(
      bare.length ? "this is not a connection string (no Name=value parts)" : "the string is empty",
      HINT,
    );
  }
  if (bare.length) {
    fail(
      `part ${bare.join(", ")} (counting parts separated by ";") not of the form Name=value`,
      HINT,
    );
  }
  const missing = REQUIRED.filter((name) => values[name] === undefined);
  if (missing.length) {
    fail(
      partList(missing, "missing") +
        (sas ? ". Connection strings with a SharedAccessSignature are not supported" : ""),
      HINT,
    );
  }
  const empty = REQUIRED.filter((name) => values[name] === "");
  if (empty.length) fail(partList(empty, "empty"), HINT);
  const flag = values.UseDevelopmentEmulator?.toLowerCase();
  if (flag !== undefined && flag !== "true" && flag !== "false") {
    fail('the UseDevelopmentEmulator part must be "true" or "false"');
  }
  return {
    endpoint: normalizeEndpoint(values.Endpoint as string, flag === "true"),
    keyName: values.SharedAccessKeyName as string,
    key: values.SharedAccessKey as string,
  };
}

const ENDPOINT_HINT = "write it as sb://{namespace}.servicebus.windows.net/";

/** Turns the `Endpoint` value into an absolute `https://` or `http://` URL ending in `/`. */
function normalizeEndpoint(raw: string, emulator: boolean): string {
  const match = /^([a-z][a-z\d+.-]*):\/\/([^/]*)/i.exec(raw);
  const scheme = match?.[1]?.toLowerCase();
  const authority = match?.[2];
  if (!match) fail("the Endpoint is not an absolute URL", ENDPOINT_HINT);
  if (scheme !== "sb" && scheme !== "https" && scheme !== "http") {
    fail(
      "the Endpoint uses an unsupported scheme; use sb:// or https:// (http:// for an emulator)",
    );
  }
  const rest = raw.slice(match[0].length - (authority as string).length);
  if (/[\s\x00-\x20\x7f\\]/.test(rest)) {
    fail("the Endpoint contains whitespace, a control character or a backslash; remove it");
  }
  if (/[?#]/.test(rest))
    fail('the Endpoint has a query string or fragment; remove it from "?" or "#"');
  if (!authority) fail("the Endpoint has no host name", ENDPOINT_HINT);
  if (authority.includes("@")) fail('the Endpoint must not contain user information ("user@")');
  let url: URL;
  try {
    url = new URL(`${emulator || scheme === "http" ? "http" : "https"}://${rest}`);
  } catch {
    // The URL error is not attached as a cause: it echoes the input.
    fail("the Endpoint is not a valid URL; check its host name and port");
  }
  if (url.hostname === "") fail("the Endpoint has no host name", ENDPOINT_HINT);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/?$/, "/")}`;
}
