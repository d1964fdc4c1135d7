import { InvalidArgumentError, PayloadValidationError, TagExpressionError } from "@nhub/core";
import { describe, expect, it } from "vitest";
import { parseRegistrationEntry, parseRegistrationFeed } from "./registration-parse.js";
import type { AnyRegistration, Registration } from "./registration-types.js";
import { assertRegistration } from "./registration-validate.js";
import { serializeRegistration, serializeRegistrationFeed } from "./registration-xml.js";

const TOKEN = "00FC13ADFF785122B4AD28809A3420982341241421348097878E577C991DE8F0";
const natives: Registration[] = [
  { kind: "apple", deviceToken: TOKEN },
  { kind: "gcm", gcmRegistrationId: "gcm-id:1" },
  { kind: "fcmv1", fcmV1RegistrationId: "fcm-v1-token" },
  {
    kind: "windows",
    channelUri: "https://db5.notify.windows.com/?token=a%2Bb&x=1",
    secondaryTileName: "tile 1",
  },
  { kind: "mpns", channelUri: "http://dm2.notify.live.net/x" },
  { kind: "adm", admRegistrationId: "amzn1.adm-registration.v2.123" },
  { kind: "baidu", baiduUserId: "user 1", baiduChannelId: "channel'1" },
  { kind: "browser", endpoint: "https://push.example/abc", p256dh: "BNc...key", auth: "auth==" },
  { kind: "xiaomi", xiaomiRegistrationId: "xiaomi-reg-id" },
];
const templateFor = (r: Registration): Registration => {
  const base = { ...r, template: { body: '{"a":"$(message)","b":"x]]>y"}', name: "My Template" } };
  if (r.kind === "apple") {
    return {
      ...base,
      kind: "apple",
      template: {
        ...base.template,
        expiry: new Date("2030-01-02T03:04:05.678Z"),
        priority: 10,
        headers: { "apns-push-type": "alert" },
      },
    } as Registration;
  }
  if (r.kind === "windows")
    return {
      ...base,
      template: { ...base.template, headers: { "X-WNS-Type": "wns/toast" } },
    } as Registration;
  if (r.kind === "mpns")
    return {
      ...base,
      template: { ...base.template, headers: { "X-NotificationClass": "2" } },
    } as Registration;
  if (r.kind === "baidu") return { ...base, messageType: "1" } as Registration;
  return base as Registration;
};
const extras = {
  registrationId: "123-456-7",
  tags: ["sports", "city:paris", "a@b#c.d-e_f"],
  pushVariables: { lang: "fr", q: "it's <&>" },
};

/** Local names of the description's child elements, in order. */
function elementOrder(xml: string): string[] {
  const desc = /<(\w+RegistrationDescription)[^>]*>([\s\S]*)<\/\1>/.exec(xml)?.[2] ?? "";
  return [...desc.matchAll(/<(\w+)[\s/>]/g)]
    .map((m) => m[1] as string)
    .filter((n) => !/Header$|^Header$|^Value$/.test(n));
}

describe("serializeRegistration / parseRegistrationEntry round trips", () => {
  for (const native of natives) {
    for (const registration of [native, templateFor(native)]) {
      const label = `${registration.kind}${registration.template ? " template" : ""}`;
      it(label, () => {
        const input = { ...registration, ...extras } as Registration;
        assertRegistration(input, "test");
        const xml = serializeRegistration(input);
        expect(
          xml.startsWith(
            '<?xml version="1.0" encoding="utf-8"?><entry xmlns="http://www.w3.org/2005/Atom"><content type="application/xml">',
          ),
        ).toBe(true);
        expect(parseRegistrationEntry(xml)).toEqual(input);
      });
    }
  }

  it("writes the elements in the wire reference's order", () => {
    const order = (r: Registration) =>
      elementOrder(serializeRegistration({ ...templateFor(r), ...extras } as Registration));
    const base = ["RegistrationId", "Tags", "PushVariables"];
    expect(order(natives[0] as Registration)).toEqual([
      ...base,
      "DeviceToken",
      "BodyTemplate",
      "Expiry",
      "TemplateName",
      "Priority",
      "ApnsHeaders",
    ]);
    expect(order(natives[3] as Registration)).toEqual([
      ...base,
      "ChannelUri",
      "SecondaryTileName",
      "BodyTemplate",
      "WnsHeaders",
      "TemplateName",
    ]);
    expect(order(natives[4] as Registration)).toEqual([
      ...base,
      "ChannelUri",
      "BodyTemplate",
      "MpnsHeaders",
      "TemplateName",
    ]);
    expect(order(natives[6] as Registration)).toEqual([
      ...base,
      "BaiduUserId",
      "BaiduChannelId",
      "BodyTemplate",
      "TemplateName",
      "MessageType",
    ]);
    expect(order(natives[7] as Registration)).toEqual([
      ...base,
      "Endpoint",
      "P256DH",
      "Auth",
      "BodyTemplate",
      "TemplateName",
    ]);
    expect(order(natives[8] as Registration)).toEqual([
      ...base,
      "XiaomiRegistrationId",
      "BodyTemplate",
      "TemplateName",
    ]);
  });

  it("writes element names for every kind, native and template", () => {
    const names = natives
      .flatMap((r) => [r, templateFor(r)])
      .map((r) => /<(\w+RegistrationDescription) /.exec(serializeRegistration(r))?.[1]);
    expect(names).toEqual(
      ["Apple", "Gcm", "FcmV1", "Windows", "Mpns", "Adm", "Baidu", "Browser", "Xiaomi"].flatMap(
        (p) => [`${p}RegistrationDescription`, `${p}TemplateRegistrationDescription`],
      ),
    );
  });

  it("puts BodyTemplate in CDATA, split where the body contains ]]>", () => {
    const xml = serializeRegistration(templateFor(natives[1] as Registration));
    expect(xml).toContain(
      '<BodyTemplate><![CDATA[{"a":"$(message)","b":"x]]]]><![CDATA[>y"}]]></BodyTemplate>',
    );
  });

  it("writes header collections as <ApnsHeaders><ApnsHeader><Header/><Value/>", () => {
    expect(serializeRegistration(templateFor(natives[0] as Registration))).toContain(
      "<ApnsHeaders><ApnsHeader><Header>apns-push-type</Header><Value>alert</Value></ApnsHeader></ApnsHeaders>",
    );
  });

  it("escapes text content", () => {
    const xml = serializeRegistration({
      ...(natives[1] as Registration),
      pushVariables: { q: "<&>" },
    });
    expect(xml).toContain('<PushVariables>{"q":"&lt;&amp;&gt;"}</PushVariables>');
  });

  it("never writes ExpirationTime or ETag unless includeReadOnly", () => {
    const read = {
      ...(natives[0] as Registration),
      etag: "4",
      expirationTime: new Date("9999-12-31T23:59:59.999Z"),
    };
    const request = serializeRegistration(read);
    expect(request).not.toContain("ExpirationTime");
    expect(request).not.toContain("<ETag>");
    const answer = serializeRegistration(
      { ...read, registrationId: "r1" },
      { includeReadOnly: true },
    );
    expect(answer).toContain(
      "<ETag>4</ETag><ExpirationTime>9999-12-31T23:59:59.999Z</ExpirationTime><RegistrationId>r1</RegistrationId>",
    );
    expect(parseRegistrationEntry(answer)).toEqual({ ...read, registrationId: "r1" });
  });

  it("writes and reads a feed (for emulators)", () => {
    const all = natives.map((r, i) => ({ ...r, registrationId: `id-${i}`, etag: "1" }));
    expect(
      parseRegistrationFeed(serializeRegistrationFeed(all, { includeReadOnly: true })),
    ).toEqual(all);
  });

  it("round-trips an unknown kind as a generic registration", () => {
    const unknown: AnyRegistration = {
      kind: "unknown",
      elementName: "HuaweiRegistrationDescription",
      registrationId: "r-9",
      tags: ["t"],
      fields: { HuaweiToken: "abc", Extra: "x&y" },
    };
    assertRegistration(unknown, "test");
    expect(parseRegistrationEntry(serializeRegistration(unknown))).toEqual(unknown);
  });

  it("never mutates its input", () => {
    const input = Object.freeze({
      ...templateFor(natives[0] as Registration),
      ...extras,
      etag: "2",
    }) as Registration;
    const copy = structuredClone(input);
    serializeRegistration(input);
    expect(input).toEqual(copy);
  });
});

describe("official-SDK bugs, each caught", () => {
  it("Apple template Expiry is ISO-8601, never Date.toString()", () => {
    const expiry = new Date("2030-01-02T03:04:05.678Z");
    const xml = serializeRegistration({
      kind: "apple",
      deviceToken: TOKEN,
      template: { body: "{}", expiry },
    });
    expect(xml).toContain("<Expiry>2030-01-02T03:04:05.678Z</Expiry>");
    expect(xml).not.toContain(expiry.toString());
  });

  it("a Xiaomi registration is written and read, not refused", () => {
    const xiaomi: Registration = { kind: "xiaomi", xiaomiRegistrationId: "x1", tags: ["a"] };
    expect(() => assertRegistration(xiaomi, "test")).not.toThrow();
    expect(serializeRegistration(xiaomi)).toContain("<XiaomiRegistrationDescription");
    expect(parseRegistrationEntry(serializeRegistration(xiaomi))).toEqual(xiaomi);
  });

  it("an unknown registration element comes back generic, never a TypeError", () => {
    const xml = `<entry xmlns="http://www.w3.org/2005/Atom"><content type="application/xml"><FooRegistrationDescription xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect"><ETag>2</ETag><ExpirationTime>2030-01-01T00:00:00Z</ExpirationTime><RegistrationId>r1</RegistrationId><Tags>a,b</Tags><FooToken>tok</FooToken><Nothing i:nil="true"/></FooRegistrationDescription></content></entry>`;
    expect(parseRegistrationEntry(xml)).toEqual({
      kind: "unknown",
      elementName: "FooRegistrationDescription",
      registrationId: "r1",
      etag: "2",
      expirationTime: new Date("2030-01-01T00:00:00Z"),
      tags: ["a", "b"],
      fields: { FooToken: "tok" },
    });
    const typed = xml
      .replace(/FooRegistrationDescription/g, "RegistrationDescription")
      .replace(
        "<RegistrationDescription ",
        '<RegistrationDescription i:type="BarRegistrationDescription" ',
      );
    expect(parseRegistrationEntry(typed)).toMatchObject({
      kind: "unknown",
      elementName: "BarRegistrationDescription",
    });
  });
});

describe("parsing details", () => {
  const NS =
    'xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"';
  it("finds elements by namespace, whatever the prefixes", () => {
    const xml = `<atom:entry xmlns:atom="http://www.w3.org/2005/Atom" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" m:etag="W/&quot;7&quot;"><atom:content type="application/xml"><sb:RegistrationDescription xmlns:sb="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect" xmlns:x="http://www.w3.org/2001/XMLSchema-instance" x:type="sb:GcmRegistrationDescription"><sb:GcmRegistrationId>g1</sb:GcmRegistrationId></sb:RegistrationDescription></atom:content></atom:entry>`;
    expect(parseRegistrationEntry(xml)).toEqual({
      kind: "gcm",
      gcmRegistrationId: "g1",
      etag: "7",
    });
  });
  it("ignores elements of other namespaces", () => {
    const xml = `<entry xmlns="http://www.w3.org/2005/Atom"><content type="application/xml"><GcmRegistrationDescription ${NS}><x:Tags xmlns:x="urn:other">evil</x:Tags><GcmRegistrationId>g1</GcmRegistrationId></GcmRegistrationDescription></content></entry>`;
    expect(parseRegistrationEntry(xml)).toEqual({ kind: "gcm", gcmRegistrationId: "g1" });
  });
  it("takes the etag from the ETag header when the entry has none", () => {
    const xml = `<entry xmlns="http://www.w3.org/2005/Atom"><content type="application/xml"><GcmRegistrationDescription ${NS}><GcmRegistrationId>g1</GcmRegistrationId></GcmRegistrationDescription></content></entry>`;
    expect(parseRegistrationEntry(xml, { etag: 'W/"9"' }).etag).toBe("9");
  });
  it("refuses text that is not a registration with InvalidArgumentError", () => {
    expect(() => parseRegistrationEntry("")).toThrow(InvalidArgumentError);
    expect(() => parseRegistrationEntry("<entry><content>")).toThrow(/not well-formed/);
    expect(() => parseRegistrationEntry("<foo/>")).toThrow(/got <foo>/);
    expect(() => parseRegistrationFeed("<entry/>")).toThrow(/Expected an Atom feed/);
  });
});

describe("assertRegistration", () => {
  const apple = natives[0] as Registration;
  it.each([
    [null, InvalidArgumentError, /registration object/],
    [{ kind: "nokia" }, InvalidArgumentError, /kind must be one of windows, apple, gcm/],
    [
      { kind: "apple" },
      InvalidArgumentError,
      /deviceToken of a apple registration must be a non-empty string/,
    ],
    [{ kind: "apple", deviceToken: "not hex!" }, InvalidArgumentError, /hexadecimal/],
    [{ kind: "baidu", baiduUserId: "u" }, InvalidArgumentError, /baiduChannelId/],
    [{ ...apple, tags: ["has space"] }, TagExpressionError, /whitespace/],
    [{ ...apple, tags: "sports" }, TagExpressionError, /array of tag strings/],
    [{ ...apple, tags: ["$InstallationId:{x}"] }, TagExpressionError, /system tag/],
    [
      { ...apple, pushVariables: { a: 1 } },
      PayloadValidationError,
      /pushVariables.a must be a string/,
    ],
    [{ ...apple, template: { body: "" } }, PayloadValidationError, /non-empty body/],
    [
      { ...apple, template: { body: "{}", expiry: new Date("nope") } },
      PayloadValidationError,
      /expiry must be a valid Date/,
    ],
    [
      { ...apple, template: { body: "{}", expiry: "tomorrow" } },
      PayloadValidationError,
      /ISO-8601/,
    ],
    [{ ...apple, template: { body: "{}", priority: 11 } }, PayloadValidationError, /priority/],
    [
      { kind: "gcm", gcmRegistrationId: "g", template: { body: "{}", headers: { a: "b" } } },
      PayloadValidationError,
      /headers is only supported/,
    ],
    [
      {
        kind: "gcm",
        gcmRegistrationId: "g",
        template: { body: "{}", expiry: "2030-01-01T00:00:00Z" },
      },
      PayloadValidationError,
      /only supported for apple/,
    ],
    [
      { kind: "gcm", gcmRegistrationId: "g", messageType: "1" },
      PayloadValidationError,
      /Baidu template/,
    ],
    [{ kind: "gcm", gcmRegistrationId: "g\u0001" }, InvalidArgumentError, /XML cannot carry/],
    [{ kind: "unknown", elementName: "<bad>", fields: {} }, InvalidArgumentError, /elementName/],
    [
      { kind: "unknown", elementName: "X", fields: { ETag: "1" } },
      InvalidArgumentError,
      /not a platform element/,
    ],
  ])("refuses %j", (value, type, message) => {
    expect(() => assertRegistration(value, "createRegistration")).toThrow(type);
    expect(() => assertRegistration(value, "createRegistration")).toThrow(message);
  });
  it("accepts an Expiry expression such as $(expiry)", () => {
    expect(() =>
      assertRegistration({ ...apple, template: { body: "{}", expiry: "$(expiry)" } }, "t"),
    ).not.toThrow();
  });
});
