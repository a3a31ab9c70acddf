export * from "./config";
export * from "./minhash";
export * from "./select";
