export * from "./encoding";
export * from "./log";
export * from "./signature";
export * from "./verify";
