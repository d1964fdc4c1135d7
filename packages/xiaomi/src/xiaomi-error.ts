import { PayloadValidationError } from "@nhub/core";

/** Throws a `PayloadValidationError` whose message starts with `[@nhub/xiaomi]`. */
export function refuse(message: string): never {
  throw new PayloadValidationError(`[@nhub/xiaomi] ${message}`);
}

export { describeValue as show } from "@nhub/core";
