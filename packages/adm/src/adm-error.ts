import { PayloadValidationError } from "@nhub/core";

/** Throws a `PayloadValidationError` whose message starts with `[@nhub/adm]`. */
export function refuse(message: string): never {
  throw new PayloadValidationError(`[@nhub/adm] ${message}`);
}

export { describeValue as show } from "@nhub/core";
