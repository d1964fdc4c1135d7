// nhub: @nhub/core's client with the @nhub/wns adapter, trusting the bench CA via a dispatcher.
import { readFileSync } from "node:fs";
import { createClient } from "@nhub/core";
import { wns } from "@nhub/wns";
import { Agent } from "undici";
import { clientMain } from "../load.mjs";
import { HUB, TAG_EXPRESSION, TOAST } from "../scenario.mjs";

await clientMain(({ connectionString, caPath }) => {
  const dispatcher = new Agent({ connections: 64, connect: { ca: readFileSync(caPath, "utf8") } });
  const client = createClient({ connectionString, hubName: HUB, adapters: [wns()], dispatcher });
  const options = { tagExpression: TAG_EXPRESSION };
  return {
    async send() {
      const result = await client.send("windows", TOAST, options);
      if (!result.notificationId) throw new Error("nhub: no notification id in the answer");
    },
    async close() {
      await client.close();
      await dispatcher.close();
    },
  };
});
