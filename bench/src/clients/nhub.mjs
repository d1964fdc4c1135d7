// nhub: @nhub/core's client with the @nhub/wns adapter and its default Node transport. It trusts
// the bench CA through NODE_EXTRA_CA_CERTS, which the parent sets for this process only (a
// dispatcher with the CA would import undici before the first send and cost the cold start).
import { createClient } from "@nhub/core";
import { wns } from "@nhub/wns";
import { clientMain } from "../load.mjs";
import { HUB, TAG_EXPRESSION, TOAST } from "../scenario.mjs";

await clientMain(({ connectionString }) => {
  const client = createClient({
    connectionString,
    hubName: HUB,
    adapters: [wns()],
    connections: 64,
  });
  const options = { tagExpression: TAG_EXPRESSION };
  return {
    async send() {
      const result = await client.send("windows", TOAST, options);
      if (!result.notificationId) throw new Error("nhub: no notification id in the answer");
    },
    async close() {
      await client.close();
    },
  };
});
