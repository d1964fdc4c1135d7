import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConnectionString } from "./connection-string.js";
import { ConnectionStringError, NotificationHubsError } from "./errors.js";

const KEY = "n4Cq+Gk/w2Rz9vXyQe3lTb7Hs1Ja5dPo8Ku6Mf0Ww==";
const ENDPOINT = "Endpoint=sb://my-ns.servicebus.windows.net/";
const KEY_NAME = "SharedAccessKeyName=DefaultFullSharedAccessSignature";
const KEY_PART = `SharedAccessKey=${KEY}`;
const EXPECTED = {
  endpoint: "https://my-ns.servicebus.windows.net/",
  keyName: "DefaultFullSharedAccessSignature",
  key: KEY,
};

/** Runs `parse` expecting a ConnectionStringError; checks the key never leaks; returns it. */
function parseError(text: unknown, key = KEY): ConnectionStringError {
  let caught: unknown;
  try {
    parseConnectionString(text as string);
  } catch (error) {
    caught = error;
  }
  expect(ConnectionStringError.isInstance(caught)).toBe(true);
  const error = caught as ConnectionStringError;
  expect(error.code).toBe("INVALID_CONNECTION_STRING");
  expect(error).toBeInstanceOf(ConnectionStringError);
  expect(error.message).not.toContain(key);
  expect(String(error.stack)).not.toContain(key);
  expect(error.cause).toBeUndefined();
  return error;
}

describe("parseConnectionString: accepted forms", () => {
  it("parses the canonical portal string and turns sb:// into https://", () => {
    expect(parseConnectionString(`${ENDPOINT};${KEY_NAME};${KEY_PART}`)).toEqual(EXPECTED);
  });

  it("accepts the parts in every order", () => {
    const parts = [ENDPOINT, KEY_NAME, KEY_PART];
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const order of orders) {
      const text = order.map((i) => parts[i]).join(";");
      expect(parseConnectionString(text)).toEqual(EXPECTED);
    }
  });

  it("splits each part at its first '=' so keys keep '=', '==', '+' and '/'", () => {
    for (const key of ["abc=", "a+b/c==", "==", "k=v=w", "+/+/="]) {
      const parts = parseConnectionString(`${ENDPOINT};${KEY_NAME};SharedAccessKey=${key}`);
      expect(parts.key).toBe(key);
    }
  });

  it("tolerates a trailing ';', empty parts and whitespace around names and values", () => {
    const text = `  ;${ENDPOINT} ;; \t SharedAccessKeyName = DefaultFullSharedAccessSignature\t;\n SharedAccessKey =  ${KEY}  ;;`;
    expect(parseConnectionString(text)).toEqual(EXPECTED);
    expect(parseConnectionString(`${ENDPOINT};${KEY_NAME};${KEY_PART};`)).toEqual(EXPECTED);
  });

  it("matches part names case-insensitively", () => {
    const lower = `endpoint=sb://my-ns.servicebus.windows.net/;sharedaccesskeyname=DefaultFullSharedAccessSignature;sharedaccesskey=${KEY}`;
    const upper = `ENDPOINT=sb://my-ns.servicebus.windows.net/;SHAREDACCESSKEYNAME=DefaultFullSharedAccessSignature;SHAREDACCESSKEY=${KEY}`;
    expect(parseConnectionString(lower)).toEqual(EXPECTED);
    expect(parseConnectionString(upper)).toEqual(EXPECTED);
  });

  it("ignores unknown parts such as EntityPath", () => {
    const text = `${ENDPOINT};${KEY_NAME};${KEY_PART};EntityPath=myhub;TransportType=Amqp`;
    expect(parseConnectionString(text)).toEqual(EXPECTED);
  });

  it("accepts a part repeated with the same value", () => {
    expect(parseConnectionString(`${ENDPOINT};${ENDPOINT};${KEY_NAME};${KEY_PART}`)).toEqual(
      EXPECTED,
    );
  });

  it("adds the trailing '/' to an endpoint without one", () => {
    const parts = parseConnectionString(
      `Endpoint=sb://my-ns.servicebus.windows.net;${KEY_NAME};${KEY_PART}`,
    );
    expect(parts.endpoint).toBe("https://my-ns.servicebus.windows.net/");
  });

  it("keeps https:// and http:// as written, with port and path", () => {
    const cases: [string, string][] = [
      ["https://my-ns.servicebus.windows.net/", "https://my-ns.servicebus.windows.net/"],
      ["HTTPS://My-NS.servicebus.windows.net", "https://my-ns.servicebus.windows.net/"],
      ["http://127.0.0.1:8080", "http://127.0.0.1:8080/"],
      ["http://127.0.0.1:8080/prefix", "http://127.0.0.1:8080/prefix/"],
      ["http://localhost:9000/a/b/", "http://localhost:9000/a/b/"],
      ["sb://localhost:5300", "https://localhost:5300/"],
    ];
    for (const [endpoint, expected] of cases) {
      const parts = parseConnectionString(`Endpoint=${endpoint};${KEY_NAME};${KEY_PART}`);
      expect(parts.endpoint).toBe(expected);
    }
  });

  it("uses http:// when UseDevelopmentEmulator=true, and keeps https:// when false", () => {
    const emulator = parseConnectionString(
      `Endpoint=sb://localhost;SharedAccessKeyName=r;SharedAccessKey=${KEY};UseDevelopmentEmulator=true;`,
    );
    expect(emulator.endpoint).toBe("http://localhost/");
    const upper = parseConnectionString(
      `Endpoint=https://localhost:5300/;SharedAccessKeyName=r;SharedAccessKey=${KEY};usedevelopmentemulator=TRUE`,
    );
    expect(upper.endpoint).toBe("http://localhost:5300/");
    const off = parseConnectionString(
      `${ENDPOINT};${KEY_NAME};${KEY_PART};UseDevelopmentEmulator=false`,
    );
    expect(off.endpoint).toBe(EXPECTED.endpoint);
  });
});

describe("parseConnectionString: errors", () => {
  it("names each missing required part", () => {
    const cases: [string, string][] = [
      [`${KEY_NAME};${KEY_PART}`, "Endpoint"],
      [`${ENDPOINT};${KEY_PART}`, "SharedAccessKeyName"],
      [`${ENDPOINT};${KEY_NAME}`, "SharedAccessKey"],
    ];
    for (const [text, name] of cases) {
      const error = parseError(text);
      expect(error.message).toContain(`the ${name} part is missing`);
    }
    expect(parseError(`${ENDPOINT};EntityPath=hub`).message).toContain(
      "the SharedAccessKeyName, SharedAccessKey parts are missing",
    );
  });

  it("names each empty required part", () => {
    expect(parseError(`Endpoint=;${KEY_NAME};${KEY_PART}`).message).toContain(
      "the Endpoint part is empty",
    );
    expect(parseError(`${ENDPOINT};SharedAccessKeyName= ;${KEY_PART}`).message).toContain(
      "the SharedAccessKeyName part is empty",
    );
    expect(parseError(`${ENDPOINT};${KEY_NAME};SharedAccessKey=`).message).toContain(
      "the SharedAccessKey part is empty",
    );
  });

  it("explains SharedAccessSignature connection strings are not supported", () => {
    const error = parseError(`${ENDPOINT};SharedAccessSignature=SharedAccessSignature sr=x&sig=y`);
    expect(error.message).toContain("SharedAccessSignature are not supported");
    expect(error.message).not.toContain("sig=y");
  });

  it("rejects input that is not a connection string", () => {
    expect(parseError("").message).toContain("the string is empty");
    expect(parseError(" ; ;").message).toContain("the string is empty");
    expect(parseError("https://my-ns.servicebus.windows.net/").message).toContain(
      "this is not a connection string",
    );
    expect(parseError(KEY.replaceAll("=", "")).message).toContain("not a connection string");
  });

  it("rejects non-string input with a ConnectionStringError", () => {
    for (const value of [undefined, null, 42, {}, [], Symbol.for("x")]) {
      expect(parseError(value).message).toContain("expected a string");
    }
  });

  it("rejects a part without '=' and one without a name, by position only", () => {
    const error = parseError(`${ENDPOINT};${KEY_NAME};${KEY_PART};${KEY.slice(0, 20)}`);
    expect(error.message).toContain("part 4");
    expect(error.message).toContain("not of the form Name=value");
    expect(parseError(`${ENDPOINT};=${KEY};${KEY_NAME};${KEY_PART}`).message).toContain("part 2");
  });

  it("rejects a part repeated with different values without echoing either", () => {
    const other = "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp+/Oo==";
    const error = parseError(`${ENDPOINT};${KEY_NAME};${KEY_PART};SharedAccessKey=${other}`);
    expect(error.message).toContain("SharedAccessKey part appears more than once");
    expect(error.message).not.toContain(other);
  });

  it("rejects an invalid UseDevelopmentEmulator value", () => {
    expect(
      parseError(`${ENDPOINT};${KEY_NAME};${KEY_PART};UseDevelopmentEmulator=yes`).message,
    ).toContain('UseDevelopmentEmulator part must be "true" or "false"');
  });

  it("rejects malformed endpoints, saying what is wrong", () => {
    const cases: [string, string][] = [
      ["my-ns.servicebus.windows.net", "not an absolute URL"],
      ["/relative/path", "not an absolute URL"],
      ["sb:my-ns", "not an absolute URL"],
      ["ftp://my-ns.servicebus.windows.net/", "unsupported scheme"],
      ["amqps://my-ns.servicebus.windows.net/", "unsupported scheme"],
      ["https://my-ns.servicebus.windows.net/?x=1", "query string or fragment"],
      ["https://my-ns.servicebus.windows.net/#frag", "query string or fragment"],
      ["https://my-ns.servicebus.windows.net/?", "query string or fragment"],
      ["sb://", "no host name"],
      ["sb:///path", "no host name"],
      ["https://user:pw@my-ns.servicebus.windows.net/", "user information"],
      ["https://my ns.servicebus.windows.net/", "whitespace"],
      ["https://my-ns\\servicebus/", "backslash"],
      ["http://localhost:99999/", "not a valid URL"],
      ["http://[::1/", "not a valid URL"],
    ];
    for (const [endpoint, problem] of cases) {
      const error = parseError(`Endpoint=${endpoint};${KEY_NAME};${KEY_PART}`);
      expect(error.message, endpoint).toContain(problem);
      expect(error.message, endpoint).toContain("Endpoint");
    }
  });

  it("never echoes the key, even when the key ended up inside another part", () => {
    const texts = [
      `Endpoint=sb://my-ns.servicebus.windows.net/SharedAccessKey=${KEY};${KEY_NAME}`,
      `Endpoint=ftp://${KEY};${KEY_NAME};${KEY_PART}`,
      `Endpoint=https://host/?${KEY};${KEY_NAME};${KEY_PART}`,
      `${KEY};${ENDPOINT};${KEY_NAME}`,
      `${ENDPOINT};${KEY_NAME};SharedAccessKey ${KEY}`,
      `${ENDPOINT} ${KEY_NAME} ${KEY_PART}`,
    ];
    for (const text of texts) parseError(text);
  });
});

describe("parseConnectionString: properties", () => {
  const isNhubError = (run: () => unknown) => {
    try {
      run();
      return true;
    } catch (error) {
      return NotificationHubsError.isInstance(error) && ConnectionStringError.isInstance(error);
    }
  };

  it("either returns or throws a ConnectionStringError for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) =>
        isNhubError(() => parseConnectionString(text)),
      ),
    );
  });

  it("either returns or throws a ConnectionStringError for strings built from its own tokens", () => {
    const token = fc.constantFrom(
      "Endpoint",
      "SharedAccessKeyName",
      "sharedaccesskey",
      "UseDevelopmentEmulator",
      "true",
      "=",
      ";",
      " ",
      "sb://",
      "http://",
      "https://",
      "x",
      "/",
      ":",
      "?",
      "#",
      "@",
      "[",
      "%",
      "8080",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), (tokens) =>
        isNhubError(() => parseConnectionString(tokens.join(""))),
      ),
    );
  });

  const base64Key = fc.string({
    unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
    minLength: 16,
    maxLength: 44,
  });
  const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}[a-z0-9]$/);
  const keyName = fc.stringMatching(/^[A-Za-z0-9_.-]{1,30}$/);
  const space = fc.constantFrom("", " ", "\t", "  ");
  const casing = fc.constantFrom(
    (s: string) => s,
    (s: string) => s.toLowerCase(),
    (s: string) => s.toUpperCase(),
  );

  it("parses generated connection strings to the same parts whatever the order, case and spacing", () => {
    fc.assert(
      fc.property(
        fc.record({
          ns: label,
          keyName,
          key: base64Key,
          padding: fc.constantFrom("", "=", "=="),
          slash: fc.boolean(),
          entityPath: fc.option(label),
          trailing: fc.constantFrom("", ";", ";;", "; "),
          order: fc.func(fc.integer()),
          cases: fc.array(casing, { minLength: 4, maxLength: 4 }),
          spaces: fc.array(space, { minLength: 16, maxLength: 16 }),
        }),
        (g) => {
          const key = g.key + g.padding;
          const host = `${g.ns}.servicebus.windows.net`;
          const sp = (i: number) => g.spaces[i] as string;
          const c = (i: number, s: string) => (g.cases[i] as (s: string) => string)(s);
          const parts = [
            `${sp(0)}${c(0, "Endpoint")}${sp(1)}=${sp(2)}sb://${host}${g.slash ? "/" : ""}${sp(3)}`,
            `${sp(4)}${c(1, "SharedAccessKeyName")}${sp(5)}=${sp(6)}${g.keyName}${sp(7)}`,
            `${sp(8)}${c(2, "SharedAccessKey")}${sp(9)}=${sp(10)}${key}${sp(11)}`,
          ];
          if (g.entityPath !== null) {
            parts.push(`${sp(12)}${c(3, "EntityPath")}=${g.entityPath}${sp(13)}`);
          }
          parts.sort((a, b) => g.order(a) - g.order(b));
          const result = parseConnectionString(parts.join(";") + g.trailing);
          expect(result).toEqual({ endpoint: `https://${host}/`, keyName: g.keyName, key });
        },
      ),
    );
  });

  it("never puts the key in an error, whichever part is broken and however", () => {
    fc.assert(
      fc.property(
        base64Key,
        fc.integer({ min: 0, max: 3 }),
        fc.string({ unit: "binary" }),
        (key, broken, junk) => {
          const parts = [
            `Endpoint=sb://ns.servicebus.windows.net/`,
            `SharedAccessKeyName=rule`,
            `SharedAccessKey=${key}`,
          ];
          if (broken === 3) parts.push(junk);
          else parts[broken] = junk.includes(key) ? "" : junk;
          const text = parts.join(";");
          try {
            parseConnectionString(text);
          } catch (error) {
            expect(ConnectionStringError.isInstance(error)).toBe(true);
            expect((error as Error).message).not.toContain(key);
          }
        },
      ),
    );
  });
});
