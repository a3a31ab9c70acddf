export * from "./quantiles";
export * from "./stats";
export * from "./svg";
export * from "./table";
