/**
 * OpenTelemetry spans and metrics for nhub, built from `@nhub/core`'s `diagnostics_channel`
 * traces. Call {@link instrumentNhub} once at start-up.
 * @packageDocumentation
 */
export {
  type InstrumentNhubOptions,
  instrumentNhub,
  type NhubInstrumentation,
} from "./instrument.js";
export { OPERATION_CHANNEL, REQUEST_CHANNEL, THROTTLE_CHANNEL } from "./span-attributes.js";
