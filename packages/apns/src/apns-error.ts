import { PayloadValidationError } from "@nhub/core";

/** Throws a `PayloadValidationError` whose message starts with `[@nhub/apns]`. */
export function refuse(message: string): never {
  throw new PayloadValidationError(`[@nhub/apns] ${message}`);
}

export { describeValue as show } from "@nhub/core";
