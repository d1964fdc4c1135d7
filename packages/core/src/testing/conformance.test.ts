import { describe, expect, it } from "vitest";
import type { NotificationAdapter, PreparedNotification } from "../adapter.js";
import { InvalidArgumentError, PayloadValidationError } from "../errors.js";
import {
  checkAdapter,
  checkCases,
  checkInvalidCase,
  checkPrepared,
  checkValidCase,
  describeAdapterConformance,
} from "./conformance.js";

/** A small, well-behaved adapter, as a third party would write one. */
const echo: NotificationAdapter<unknown, { level?: number }> = {
  specificationVersion: "v1",
  format: "gcm",
  name: "echo-adapter",
  prepare(payload, options) {
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
      throw new PayloadValidationError("[echo-adapter] the payload must be a JSON object");
    }
    const headers: Record<string, string> = {};
    if (options.level !== undefined) headers["X-Level"] = String(options.level);
    return { body: JSON.stringify(payload), contentType: "application/json", headers };
  },
};

describeAdapterConformance(echo, {
  valid: [
    { name: "object", payload: { title: "hi", nested: { n: 1 } } },
    { name: "with option", payload: {}, options: { level: 3 } },
  ],
  invalid: [{ name: "number", payload: 42 }, { payload: ["array"] }],
});

/** `echo` with one method replaced. */
function variant(prepare: NotificationAdapter["prepare"]): NotificationAdapter {
  return { ...echo, prepare } as NotificationAdapter;
}

describe("checkAdapter", () => {
  it("accepts a v1 adapter", () => {
    expect(checkAdapter(echo)).toEqual([]);
  });

  it("refuses another specification version, a missing format and a bad name", () => {
    expect(checkAdapter({ ...echo, specificationVersion: "v2" })[0]).toMatch(
      /assertAdapter refused it: .*specificationVersion "v2"/,
    );
    expect(checkAdapter({ ...echo, format: "" })[0]).toMatch(/non-empty string "format"/);
    expect(checkAdapter({ ...echo, prepare: undefined })[0]).toMatch(/prepare/);
    expect(checkAdapter(null)).toHaveLength(1);
    expect(checkAdapter({ ...echo, name: "" })).toEqual([
      'name must be a non-empty string when given; got ""',
    ]);
  });
});

describe("checkCases", () => {
  it("requires one valid and one invalid case", () => {
    expect(checkCases({ valid: [{ payload: 1 }], invalid: [{ payload: 2 }] })).toEqual([]);
    expect(checkCases({ valid: [], invalid: [] })).toEqual([
      "give at least one valid case",
      "give at least one invalid case",
    ]);
    expect(checkCases(undefined)).toHaveLength(2);
  });
});

describe("checkPrepared", () => {
  it("accepts string and byte bodies with string headers", () => {
    expect(checkPrepared({ body: "x", contentType: "text/plain" })).toEqual([]);
    expect(
      checkPrepared({ body: new Uint8Array([1]), contentType: "a/b", headers: { "X-A": "1" } }),
    ).toEqual([]);
  });

  it("names every problem", () => {
    expect(checkPrepared("body")).toEqual([
      'prepare must return { body, contentType, headers? }; got "body"',
    ]);
    expect(checkPrepared({ body: 3, contentType: " " })).toEqual([
      "body must be a string or a Uint8Array; got 3",
      'contentType must be a non-empty string; got " "',
    ]);
    expect(checkPrepared({ body: "", contentType: "a/b\r\nX-Evil: 1" })).toEqual([
      'contentType must not contain a line break; got "a/b\\r\\nX-Evil: 1"',
    ]);
    expect(checkPrepared({ body: "", contentType: "a/b", headers: ["x"] })).toEqual([
      "headers must be an object of strings when given; got an array",
    ]);
    expect(
      checkPrepared({
        body: "",
        contentType: "a/b",
        headers: { "X-Num": 5, "Bad Name": "v", "X-Split": "a\nb" },
      }),
    ).toEqual([
      "header X-Num must be a string; got 5",
      'header name "Bad Name" is not a valid HTTP token',
      'header X-Split must not contain a line break; got "a\\nb"',
    ]);
  });
});

describe("checkValidCase", () => {
  it("passes a pure adapter", () => {
    expect(checkValidCase(echo, { payload: { a: 1 }, options: { level: 1 } })).toEqual([]);
  });

  it("catches a non-deterministic prepare", () => {
    let calls = 0;
    const adapter = variant(() => ({ body: String(++calls), contentType: "text/plain" }));
    expect(checkValidCase(adapter, { payload: {} })).toEqual([
      "prepare is not deterministic: two calls with the same input differ",
    ]);
  });

  it("catches a prepare that changes the payload or the options", () => {
    const payloadChanger = variant((payload: Record<string, unknown>) => {
      payload.stamp = "x";
      return { body: "{}", contentType: "application/json" };
    });
    expect(checkValidCase(payloadChanger, { payload: {} })).toEqual([
      "prepare changed the payload it was given",
    ]);
    const optionsChanger = variant((_payload, options: Record<string, unknown>) => {
      delete options.level;
      return { body: "{}", contentType: "application/json" };
    });
    expect(checkValidCase(optionsChanger, { payload: {}, options: { level: 1 } })).toEqual([
      "prepare changed the options it was given",
    ]);
  });

  it("reports a malformed result, a throw and uncloneable cases", () => {
    const numbers = variant(
      () =>
        ({
          body: "{}",
          contentType: "a/b",
          headers: { "X-N": 1 },
        }) as unknown as PreparedNotification,
    );
    expect(checkValidCase(numbers, { payload: {} })).toEqual([
      "header X-N must be a string; got 1",
    ]);
    expect(checkValidCase(echo, { payload: 7 })).toEqual([
      "prepare threw on a valid case: [echo-adapter] the payload must be a JSON object",
    ]);
    expect(checkValidCase(echo, { payload: { f: () => 1 } })[0]).toMatch(
      /^the case must be plain data that structuredClone can copy/,
    );
  });
});

describe("checkInvalidCase", () => {
  it("passes a named PayloadValidationError", () => {
    expect(checkInvalidCase(echo, { payload: "text" })).toEqual([]);
  });

  it("catches an adapter that accepts the case", () => {
    const lenient = variant(() => ({ body: "", contentType: "text/plain" }));
    expect(checkInvalidCase(lenient, { payload: 1 })).toEqual([
      "prepare accepted an invalid case instead of throwing",
    ]);
  });

  it("catches the wrong error type", () => {
    const typeError = variant(() => {
      throw new TypeError("boom");
    });
    expect(checkInvalidCase(typeError, { payload: 1 })).toEqual([
      "prepare must throw a PayloadValidationError; threw TypeError: boom",
    ]);
    const otherCode = variant(() => {
      throw new InvalidArgumentError("[echo-adapter] no");
    });
    expect(checkInvalidCase(otherCode, { payload: 1 })[0]).toMatch(
      /^prepare must throw a PayloadValidationError; threw InvalidArgumentError/,
    );
  });

  it("catches a message that does not name the adapter", () => {
    const anonymousMessage = variant(() => {
      throw new PayloadValidationError("the payload is bad");
    });
    expect(checkInvalidCase(anonymousMessage, { payload: 1 })).toEqual([
      'the error message must name the adapter (echo-adapter); got "the payload is bad"',
    ]);
    const unnamed = { ...anonymousMessage, name: undefined };
    expect(checkInvalidCase(unnamed, { payload: 1 })).toEqual([]);
  });
});
