export * from "./capture-client.js";
export * from "./capture-server.js";
export * from "./conformance.js";
