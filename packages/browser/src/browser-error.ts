import { PayloadValidationError } from "@nhub/core";

/** Throws a `PayloadValidationError` whose message starts with `[@nhub/browser]`. */
export function refuse(message: string): never {
  throw new PayloadValidationError(`[@nhub/browser] ${message}`);
}

export { describeValue as show } from "@nhub/core";
