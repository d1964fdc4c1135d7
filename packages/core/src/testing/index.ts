export * from "./capture-server.js";
