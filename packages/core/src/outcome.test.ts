import { describe, expect, it } from "vitest";
import { parseNotificationOutcome } from "./outcome.js";
import { parseNotificationOutcomeDetails } from "./outcome-details.js";

const NS =
  'xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect"';

describe("parseNotificationOutcome", () => {
  it("reads counts and every registration result", () => {
    const body = `<?xml version="1.0" encoding="utf-8"?>
<NotificationOutcome ${NS}>
  <Success>1</Success><Failure>1</Failure>
  <Results>
    <RegistrationResult><ApplicationPlatform>apple</ApplicationPlatform>
      <PnsHandle>ABC&amp;DEF</PnsHandle><RegistrationId>reg-1</RegistrationId>
      <Outcome>The Push Notification System handle for the registration is invalid</Outcome>
    </RegistrationResult>
    <RegistrationResult><ApplicationPlatform>windows</ApplicationPlatform>
      <PnsHandle>https://db5.notify.windows.com/?token=x</PnsHandle><RegistrationId>reg-2</RegistrationId>
      <Outcome>The Notification was successfully sent to the Push Notification System</Outcome>
    </RegistrationResult>
  </Results>
</NotificationOutcome>`;
    expect(parseNotificationOutcome(body)).toEqual({
      success: 1,
      failure: 1,
      results: [
        {
          platform: "apple",
          pnsHandle: "ABC&DEF",
          registrationId: "reg-1",
          outcome: "The Push Notification System handle for the registration is invalid",
        },
        {
          platform: "windows",
          pnsHandle: "https://db5.notify.windows.com/?token=x",
          registrationId: "reg-2",
          outcome: "The Notification was successfully sent to the Push Notification System",
        },
      ],
    });
  });

  it.each([
    [
      "nil results",
      `<NotificationOutcome ${NS}><Success>0</Success><Failure>0</Failure><Results i:nil="true"/></NotificationOutcome>`,
    ],
    [
      "empty results",
      `<NotificationOutcome ${NS}><Success>0</Success><Failure>0</Failure><Results /></NotificationOutcome>`,
    ],
    [
      "no results element",
      `<NotificationOutcome ${NS}><Success>0</Success><Failure>0</Failure></NotificationOutcome>`,
    ],
    [
      "prefixed elements",
      `<a:NotificationOutcome xmlns:a="x"><a:Success>0</a:Success><a:Failure>0</a:Failure><a:Results/></a:NotificationOutcome>`,
    ],
    ["an empty body", ""],
  ])("reads %s as nobody reached", (_name, body) => {
    expect(parseNotificationOutcome(body)).toEqual({ success: 0, failure: 0, results: [] });
  });
});

describe("parseNotificationOutcomeDetails", () => {
  it("reads state, dates, body and per-platform counts", () => {
    const body = `<NotificationDetails ${NS}>
  <NotificationId>NH-20230803155355238-23cf</NotificationId>
  <Location>https://ns.servicebus.windows.net/hub/messages/NH-20230803155355238-23cf?api-version=2020-06</Location>
  <State>Completed</State>
  <EnqueueTime>2023-08-03T15:53:55.238Z</EnqueueTime>
  <StartTime>2023-08-03T15:53:55.5</StartTime>
  <EndTime>2023-08-03T15:53:56Z</EndTime>
  <NotificationBody><![CDATA[{"aps":{"alert":"<hi>"}}]]></NotificationBody>
  <Tags>sports</Tags>
  <TargetPlatforms>apple,windows</TargetPlatforms>
  <ApnsOutcomeCounts><Outcome><Name>Success</Name><Count>3</Count></Outcome><Outcome><Name>InvalidToken</Name><Count>1</Count></Outcome></ApnsOutcomeCounts>
  <WnsOutcomeCounts><Outcome><Name>Success</Name><Count>2</Count></Outcome></WnsOutcomeCounts>
  <FcmV1OutcomeCounts><Outcome><Name>Success</Name><Count>5</Count></Outcome></FcmV1OutcomeCounts>
  <PnsErrorDetailsUri>https://blob/x?sig=abc</PnsErrorDetailsUri>
</NotificationDetails>`;
    const details = parseNotificationOutcomeDetails(body);
    expect(details).toMatchObject({
      notificationId: "NH-20230803155355238-23cf",
      state: "Completed",
      body: '{"aps":{"alert":"<hi>"}}',
      tags: "sports",
      targetPlatforms: "apple,windows",
      outcomeCounts: {
        apns: { Success: 3, InvalidToken: 1 },
        wns: { Success: 2 },
        fcmV1: { Success: 5 },
      },
      pnsErrorDetailsUri: "https://blob/x?sig=abc",
    });
    expect(details.enqueueTime?.toISOString()).toBe("2023-08-03T15:53:55.238Z");
    expect(details.startTime?.toISOString()).toBe("2023-08-03T15:53:55.500Z");
    expect(details.endTime?.toISOString()).toBe("2023-08-03T15:53:56.000Z");
    expect(details.outcomeCounts.gcm).toBeUndefined();
  });

  it("survives a details body with only an id and state", () => {
    const details = parseNotificationOutcomeDetails(
      `<NotificationDetails ${NS}><NotificationId>n</NotificationId><State>Enqueued</State></NotificationDetails>`,
    );
    expect(details).toMatchObject({ notificationId: "n", state: "Enqueued", outcomeCounts: {} });
    expect(details.endTime).toBeUndefined();
  });
});
