export * from "./build";
export * from "./card";
export * from "./doc";
export * from "./manifest";
export * from "./parquet";
