export * from "./capture-server.js";
export * from "./conformance.js";
