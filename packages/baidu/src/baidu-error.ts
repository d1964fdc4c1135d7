import { PayloadValidationError } from "@nhub/core";

/** Throws a `PayloadValidationError` whose message starts with `[@nhub/baidu]`. */
export function refuse(message: string): never {
  throw new PayloadValidationError(`[@nhub/baidu] ${message}`);
}

export { describeValue as show } from "@nhub/core";
