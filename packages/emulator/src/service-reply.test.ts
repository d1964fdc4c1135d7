import { describe, expect, it } from "vitest";
import { errorBody, errorReply, finishReply, serviceTimeStamp } from "./service-reply.js";

describe("serviceTimeStamp", () => {
  it("writes the service's US-style UTC time", () => {
    expect(serviceTimeStamp(new Date("2020-07-02T18:33:21Z"))).toBe("7/2/2020 6:33:21 PM");
    expect(serviceTimeStamp(new Date("2018-11-07T00:18:05Z"))).toBe("11/7/2018 12:18:05 AM");
    expect(serviceTimeStamp(new Date("2018-11-07T12:00:00Z"))).toBe("11/7/2018 12:00:00 PM");
  });
});

describe("errorBody", () => {
  it("matches the recorded shape, double period included", () => {
    expect(
      errorBody(
        401,
        "InvalidSignature: The token has an invalid signature.",
        "abc",
        new Date("2020-07-02T18:33:21Z"),
      ),
    ).toBe(
      "<Error><Code>401</Code><Detail>InvalidSignature: The token has an invalid signature..TrackingId:abc,TimeStamp:7/2/2020 6:33:21 PM</Detail></Error>",
    );
  });

  it("escapes markup in the detail", () => {
    expect(errorBody(400, "a <b> & c", "t", new Date(0))).toContain(
      "<Detail>a &lt;b&gt; &amp; c.TrackingId:t,",
    );
  });
});

describe("finishReply", () => {
  it("adds tracking headers, the error body and its length", () => {
    const finished = finishReply(errorReply(404, "Gone", { headers: { "Retry-After": "1" } }));
    expect(finished.headers.TrackingId).toMatch(/^[0-9a-f-]{36}$/);
    expect(finished.headers["x-ms-correlation-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(finished.headers["Retry-After"]).toBe("1");
    expect(finished.headers["Content-Type"]).toBe("application/xml; charset=utf-8");
    expect(finished.body).toContain(`<Detail>Gone.TrackingId:${finished.headers.TrackingId},`);
    expect(finished.headers["Content-Length"]).toBe(String(Buffer.byteLength(finished.body)));
  });

  it("keeps a success body as is", () => {
    const finished = finishReply({ status: 201, headers: { Location: "x" } });
    expect(finished).toMatchObject({
      status: 201,
      body: "",
      headers: { Location: "x", "Content-Length": "0" },
    });
  });
});
