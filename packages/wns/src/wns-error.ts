import { PayloadValidationError } from "@nhub/core";

/** Throws a `PayloadValidationError` whose message starts with `[@nhub/wns]`. */
export function refuse(message: string): never {
  throw new PayloadValidationError(`[@nhub/wns] ${message}`);
}

export { describeValue as show, utf8ByteLength as byteLength } from "@nhub/core";
