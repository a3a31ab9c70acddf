/** The model comparison (light: no scorer, no readers). `./input` reads and scores files for the CLI. */
export * from "./quantiles";
export * from "./stats";
export * from "./svg";
export * from "./table";
