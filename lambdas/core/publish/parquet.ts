/**
 * The Parquet bundle of a set: one row per transcript, flat columns (id, lab, model, legibility,
 * verdict) and the messages as a JSON string, so any Parquet reader (pandas, DuckDB, the dataset
 * hub) can load it without nested types. Written by hyparquet-writer; same rows, same bytes.
 */
// The package's default (node) entry also pulls in `fs`; the pure entry writes to memory only.
import { parquetWriteBuffer } from "hyparquet-writer/src/index.js";
import type { PublishedDoc } from "./doc";

export const PARQUET_COLUMNS = ["id", "lab", "model", "legibility", "verdict", "messages"] as const;

export function setParquet(docs: readonly PublishedDoc[]): Uint8Array {
  const buf = parquetWriteBuffer({
    columnData: [
      { name: "id", data: docs.map((d) => d.id), type: "STRING", nullable: false },
      { name: "lab", data: docs.map((d) => d.lab), type: "STRING", nullable: false },
      { name: "model", data: docs.map((d) => d.model.id), type: "STRING", nullable: false },
      { name: "legibility", data: docs.map((d) => d.legibility.score), type: "DOUBLE", nullable: false },
      { name: "verdict", data: docs.map((d) => d.review.verdict), type: "STRING", nullable: false },
      {
        name: "messages",
        data: docs.map((d) => JSON.stringify(d.messages)),
        type: "STRING",
        nullable: false,
      },
    ],
    createdBy: "cotshare",
  });
  return new Uint8Array(buf);
}
