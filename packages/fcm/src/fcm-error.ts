import { PayloadValidationError } from "@nhub/core";

/** Throws a `PayloadValidationError` whose message starts with `[@nhub/fcm]`. */
export function refuse(message: string): never {
  throw new PayloadValidationError(`[@nhub/fcm] ${message}`);
}

export { describeValue as show } from "@nhub/core";
