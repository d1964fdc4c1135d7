// The official SDK, @azure/notification-hubs (modular API). It trusts the bench CA through
// NODE_EXTRA_CA_CERTS, which the parent sets for this process only.
import { createClientContext, sendNotification } from "@azure/notification-hubs/api";
import { createWindowsToastNotification } from "@azure/notification-hubs/models";
import { clientMain } from "../load.mjs";
import { HUB, TAG_EXPRESSION, TOAST } from "../scenario.mjs";

await clientMain(({ connectionString }) => {
  const context = createClientContext(connectionString, HUB);
  const notification = createWindowsToastNotification({ body: TOAST });
  const options = { tagExpression: TAG_EXPRESSION };
  return {
    async send() {
      const result = await sendNotification(context, notification, options);
      if (!result.notificationId) throw new Error("azure: no notification id in the answer");
    },
  };
});
