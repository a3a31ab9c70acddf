/**
 * `table-column` (table-columns.ts): the cells of a table's personal columns, by their header —
 * CSV/TSV/semicolon files, markdown tables, SQL clients' boxed, aligned and column output, pandas
 * prints. Before it, only the cells whose own detectors know their format were redacted (a date
 * of birth and a post code under their headers were published).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { TABLE_COLUMN, headerColumn } from "../../../lambdas/core/redact/table-columns";
import { seededRandom } from "./helpers";
import { piecesTexts, readsOutside } from "../reads-outside";

/** The category of the span that covers `value` (its first occurrence after `from`), or "" if none does. */
function catOf(text: string, value: string, from = 0): string {
  const at = text.indexOf(value, from);
  if (at < 0) throw new Error(`value not in text: ${value}`);
  const s = detect(text).find((x) => x.start <= at && at + value.length <= x.end);
  return s ? s.category : "";
}

/** Whether any span touches `value` (its first occurrence after `from`). */
function touched(text: string, value: string, from = 0): boolean {
  const at = text.indexOf(value, from);
  if (at < 0) throw new Error(`value not in text: ${value}`);
  return detect(text).some((x) => x.start < at + value.length && x.end > at);
}

/**
 * The spans `table-column` itself finds, as `CATEGORY:value`; each must also be redacted by
 * `detect()` (the detector is registered).
 */
function cells(text: string): string[] {
  const own = TABLE_COLUMN.detect(text, { internalDomains: [] });
  const all = detect(text);
  for (const s of own)
    expect(
      all.some((x) => x.start <= s.start && s.end <= x.end),
      `detect() covers ${s.category} at ${s.start}`,
    ).toBe(true);
  return own.map((s) => `${s.category}:${text.slice(s.start, s.end)}`);
}

/** A pandas print (`print(df)`): index left-aligned, columns right-aligned, two blanks apart. */
function pandas(cols: string[], rows: string[][]): string {
  const w = cols.map((c, k) => Math.max(c.length, ...rows.map((r) => r[k]!.length)));
  const iw = String(rows.length - 1).length;
  const head = " ".repeat(iw) + "  " + cols.map((c, k) => c.padStart(w[k]!)).join("  ");
  const body = rows.map(
    (r, i) => String(i).padEnd(iw) + "  " + r.map((v, k) => v.padStart(w[k]!)).join("  "),
  );
  return [head, ...body].join("\n");
}

describe("table-column: formats", () => {
  it("CSV: the date of birth and the zip under their headers (the brief's probe)", () => {
    const t = "name,dob,zip\nAna Ruiz,1990-02-11,28013";
    expect(catOf(t, "1990-02-11")).toBe("DOB");
    expect(catOf(t, "28013")).toBe("ADDRESS");
    expect(catOf(t, "Ana Ruiz")).toBe("PERSON");
    // The header row stays.
    expect(touched(t, "name,dob,zip")).toBe(false);
  });

  it("markdown table with a separator row", () => {
    const t =
      "| id | full_name | date_of_birth | postcode |\n|----|-----------|---------------|----------|\n| 7 | Olu Ade | 14/02/1987 | SW1A 1AA |";
    expect(cells(t)).toEqual(["PERSON:Olu Ade", "DOB:14/02/1987", "ADDRESS:SW1A 1AA"]);
    expect(touched(t, "7 |")).toBe(false);
    expect(touched(t, "date_of_birth")).toBe(false);
  });

  it("SQL boxed output (mysql)", () => {
    const t = [
      "mysql> SELECT id, name, birthdate, zip FROM patients;",
      "+----+-----------+------------+-------+",
      "| id | name      | birthdate  | zip   |",
      "+----+-----------+------------+-------+",
      "|  1 | Zed Quux  | 1980-01-01 | 02139 |",
      "|  2 | Yara Vonk | 1975-12-24 | 94110 |",
      "+----+-----------+------------+-------+",
      "2 rows in set (0.00 sec)",
    ].join("\n");
    expect(cells(t)).toEqual([
      "PERSON:Zed Quux",
      "DOB:1980-01-01",
      "ADDRESS:02139",
      "PERSON:Yara Vonk",
      "DOB:1975-12-24",
      "ADDRESS:94110",
    ]);
    expect(catOf(t, "Zed Quux")).toBe("PERSON");
    expect(touched(t, "2 rows in set")).toBe(false);
  });

  it("psql aligned output", () => {
    const t =
      " id |   name    |    dob\n----+-----------+------------\n  1 | Zed Quux  | 1980-01-01\n(1 row)";
    expect(cells(t)).toEqual(["PERSON:Zed Quux", "DOB:1980-01-01"]);
  });

  it("tab- and semicolon-separated, and quoted cells with the separator inside", () => {
    expect(cells("first_name\tlast_name\tbirthday\nZed\tQuux\t03.04.1981\n")).toEqual([
      "PERSON:Zed",
      "PERSON:Quux",
      "DOB:03.04.1981",
    ]);
    expect(cells('customer_name;street_address;zip\n"Quux; Zed";"Calle Mayor 5";28013')).toEqual([
      "PERSON:Quux; Zed",
      "ADDRESS:Calle Mayor 5",
      "ADDRESS:28013",
    ]);
    const t =
      'full_name,dob,notes\n"Quux, Zed",1990-01-01,"likes tea, not coffee"\n"Vonk, ""Yara""",1991-02-02,x';
    expect(cells(t)).toEqual([
      "PERSON:Quux, Zed",
      "DOB:1990-01-01",
      'PERSON:Vonk, ""Yara""',
      "DOB:1991-02-02",
    ]);
    expect(touched(t, "likes tea")).toBe(false);
  });

  it("a trailing separator on the header or the rows", () => {
    expect(cells("name,dob,\nZed Quux,1990-01-01,\n")).toEqual(["PERSON:Zed Quux", "DOB:1990-01-01"]);
    expect(cells("name,dob\nZed Quux,1990-01-01,\n")).toEqual(["PERSON:Zed Quux", "DOB:1990-01-01"]);
  });

  it("CRLF line ends", () => {
    expect(cells("name,dob\r\nZed Quux,1990-01-01\r\nYara Vonk,1991-02-02\r\n")).toEqual([
      "PERSON:Zed Quux",
      "DOB:1990-01-01",
      "PERSON:Yara Vonk",
      "DOB:1991-02-02",
    ]);
  });

  it("columns under a row of dashes (sqlite .mode column, sqlcmd, SQL*Plus)", () => {
    const t = [
      "sqlite> SELECT name, dob, zip FROM people;",
      "name        dob         zip  ",
      "----------  ----------  -----",
      "Zed Quux    1990-02-11  28013",
      "Yara Vonk   NULL        10001",
      "sqlite> .quit",
    ].join("\n");
    expect(cells(t)).toEqual([
      "PERSON:Zed Quux",
      "DOB:1990-02-11",
      "ADDRESS:28013",
      "PERSON:Yara Vonk",
      "ADDRESS:10001",
    ]);
    expect(touched(t, "NULL")).toBe(false);
  });

  it("pandas prints: columns right-aligned, ending where their header ends", () => {
    const t = pandas(
      ["customer_name", "dob", "zip", "spend"],
      [
        ["Zed Quux", "1990-02-11", "28013", "1.50"],
        ["Yara Vonk", "NaN", "10001", "20.25"],
        ["Olu Ade", "1985-05-05", "SW1A 1AA", "3.00"],
      ],
    );
    expect(cells(t)).toEqual([
      "PERSON:Zed Quux",
      "DOB:1990-02-11",
      "ADDRESS:28013",
      "PERSON:Yara Vonk",
      "ADDRESS:10001",
      "PERSON:Olu Ade",
      "DOB:1985-05-05",
      "ADDRESS:SW1A 1AA",
    ]);
    expect(touched(t, "20.25")).toBe(false);
  });
});

describe("table-column: more shapes", () => {
  it("pandas with a two-digit index, and a truncated print's `..` row", () => {
    const rows = Array.from({ length: 11 }, (_, i) => [
      `Zed Quux${i}`,
      `1990-01-${String(i + 1).padStart(2, "0")}`,
    ]);
    const t = pandas(["full_name", "dob"], rows);
    const got = cells(t);
    expect(got.length).toBe(22);
    expect(got[21]).toBe("DOB:1990-01-11");
    const lines = pandas(
      ["full_name", "dob"],
      [
        ["Zed Quux", "1990-01-01"],
        ["...", "..."],
        ["Yara Vonk", "1991-02-02"],
      ],
    )
      .split("\n")
      .map((l, i) => (i === 2 ? ".." + l.slice(2) : l));
    expect(cells(lines.join("\n"))).toEqual([
      "PERSON:Zed Quux",
      "DOB:1990-01-01",
      "PERSON:Yara Vonk",
      "DOB:1991-02-02",
    ]);
  });

  it("markdown alignment rows and sqlcmd's one-blank dash rows", () => {
    expect(
      cells("| Name | E-mail | Phone |\n|:---|:---:|---:|\n| Zed Quux | zq at corp | 555 0199 |"),
    ).toEqual(["PERSON:Zed Quux", "EMAIL:zq at corp", "PHONE:555 0199"]);
    const t = "FullName   BirthDate \n---------- ----------\nZed Quux   1990-01-01\n\n(1 rows affected)";
    expect(cells(t)).toEqual(["PERSON:Zed Quux", "DOB:1990-01-01"]);
  });
});

describe("table-column: categories", () => {
  it("maps header names to categories", () => {
    const cat = (h: string) => headerColumn(h)?.category;
    expect(["dob", "DOB", "Date of Birth", "birthDate", "birth_date", "birthday", "born"].map(cat)).toEqual(
      Array(7).fill("DOB"),
    );
    expect(
      ["zip", "ZIP Code", "postcode", "postal_code", "zipcode", "street", "home_address"].map(cat),
    ).toEqual(Array(7).fill("ADDRESS"));
    expect(
      ["name", "full_name", "FirstName", "last name", "surname", "given_name", "patient_name"].map(cat),
    ).toEqual(Array(7).fill("PERSON"));
    expect(["email", "e-mail", "Email Address"].map(cat)).toEqual(Array(3).fill("EMAIL"));
    expect(["phone", "mobile", "phone_number", "tel"].map(cat)).toEqual(Array(4).fill("PHONE"));
    expect(["ssn", "social_security_number"].map(cat)).toEqual(["SSN", "SSN"]);
    expect(["passport_no", "national_id", "drivers_license", "MRN", "account_number"].map(cat)).toEqual(
      Array(5).fill("ID"),
    );
    expect(cat("IBAN")).toBe("IBAN");
    // Not personal: ids, products, addresses of machines, a sine.
    expect(
      ["id", "item", "price", "ip_address", "mac_address", "sin", "model", "my name is Ana"].map(cat),
    ).toEqual(Array(8).fill(undefined));
  });

  it("cells of odd formats that their own detectors miss", () => {
    const t = [
      "first_name,last_name,email,phone,ssn,passport_no,home_address,iban",
      "Xylia,Brandolini,xylia at example dot org,555-CALL-0199,078 05 1120,C01X00T47,5638 Aasa 43,GB33 BUKB 2020 1555 5555 55",
    ].join("\n");
    expect(catOf(t, "Xylia")).toBe("PERSON");
    expect(catOf(t, "Brandolini")).toBe("PERSON");
    expect(catOf(t, "xylia at example dot org")).toBe("EMAIL");
    expect(catOf(t, "555-CALL-0199")).toBe("PHONE");
    expect(catOf(t, "078 05 1120")).toBe("SSN");
    expect(catOf(t, "C01X00T47")).toBe("ID");
    expect(catOf(t, "5638 Aasa 43")).toBe("ADDRESS");
    expect(catOf(t, "GB33 BUKB 2020 1555 5555 55")).toBe("IBAN");
  });

  it("a zip or a bare name column only beside a personal column (or a name beside an address)", () => {
    expect(cells("zip,population\n28013,5120\n10001,21102")).toEqual([]);
    expect(cells("name,zip,dob\nZed Quux,28013,1990-01-01")).toEqual([
      "PERSON:Zed Quux",
      "ADDRESS:28013",
      "DOB:1990-01-01",
    ]);
    expect(cells("name,address\nZed Quux,Aasa 43 Tallinn")).toEqual([
      "PERSON:Zed Quux",
      "ADDRESS:Aasa 43 Tallinn",
    ]);
  });
});

describe("table-column: what stays", () => {
  it("empty cells, NULL, None, NaN, -, N/A and placeholders; the header row", () => {
    const t = [
      "| full_name | dob |",
      "|---|---|",
      "| NULL | None |",
      "|  | NaN |",
      "| - | N/A |",
      "| <name> | [REDACTED] |",
      "| Zed Quux | 1990-01-01 |",
    ].join("\n");
    expect(cells(t)).toEqual(["PERSON:Zed Quux", "DOB:1990-01-01"]);
  });

  it("math tables, products and prices, model results, code with commas", () => {
    for (const t of [
      "| item | price | quantity |\n|---|---|---|\n| apples | $3 | 4 |\n| pears | $2 | 5 |",
      "name,price,qty\nWidget,3.50,2\nGadget,12.00,1",
      "| model | accuracy |\n|---|---|\n| gpt-4o | 0.91 |\n| llama-3-8b | 0.74 |",
      "| name | apples | oranges |\n|---|---|---|\n| Natalia | 48 | 24 |",
      "def f(a, b):\n    return g(a, b), h(1990, 2)\nprint(f(1, 2), f(3, 4))",
      "So x = 3, y = 4, and z = 5.\nThen x + y = 7, and 7 * 5 = 35.",
    ])
      expect(cells(t), t).toEqual([]);
  });

  it("tables whose personal columns hold no personal value: years of birth, days without a year, placeholders", () => {
    for (const t of [
      "name,born,died\nAlbert Einstein,1879,1955\nMarie Curie,1867,1934",
      "| Name | Age | Birthday |\n|---|---|---|\n| Alice | 10 | March 3 |\n| Bob | 12 | May 9 |",
      "name,email\nZed Quux,-\nYara Vonk,N/A",
      "first,last,step\nfoo,bar,3\nbaz,qux,4",
    ])
      expect(cells(t), t).toEqual([]);
    // A full date makes the same table personal.
    expect(cells("name,born\nZed Quux,1990-01-01")).toEqual(["PERSON:Zed Quux", "DOB:1990-01-01"]);
    expect(cells("name,dob\nZed Quux,March 3 1990\nYara Vonk,19910202")).toEqual([
      "PERSON:Zed Quux",
      "DOB:March 3 1990",
      "PERSON:Yara Vonk",
      "DOB:19910202",
    ]);
  });

  it("a personal header followed by rows of another shape", () => {
    expect(cells("name,dob,zip\nThe file has three columns, as shown.\n")).toEqual([]);
    expect(cells("| name | dob |\n\nZed Quux was born on 1990-01-01, she said | 3")).toEqual([]);
    expect(cells("name,dob\n1990-01-01\n")).toEqual([]);
  });

  it("the table ends at a blank line or a line of another shape", () => {
    const t = "name,dob\nZed Quux,1990-01-01\n\nwhen,what\n2024-05-01,release";
    expect(cells(t)).toEqual(["PERSON:Zed Quux", "DOB:1990-01-01"]);
  });
});

describe("table-column at the ends of a text", () => {
  afterEach(() => vi.restoreAllMocks());

  // (This detector alone: `detect()` runs every detector, and `ssn` reads one past the end of a
  // text that ends with a date, "…1990-01-01" — not this detector's.)
  const scan = (t: string) => TABLE_COLUMN.detect(t, { internalDomains: [] });

  it("reads nothing before a text's start or past its end", () => {
    const edges = [
      "\n",
      "name,dob\n",
      "name,dob\nZed,",
      "|\n|",
      "|---|\n|",
      "--\n--",
      "a\n-- --",
      "\n-- --\nx",
      "\n0 ",
      " name  dob\n0 ",
      "  name         dob\n0  Zed  1990-01-01",
      '"',
      'name,dob\n"',
      'name,dob\n"Zed',
      "name\tdob\r\n\r",
    ];
    for (const t of edges)
      expect(
        readsOutside(() => scan(t)),
        JSON.stringify(t),
      ).toEqual([]);
  });

  it("reads nothing outside random texts of table pieces", () => {
    const pieces = [
      "\n",
      "\r\n",
      " ",
      "  ",
      ",",
      ";",
      "\t",
      "|",
      "-",
      "--",
      "+",
      '"',
      "0",
      "1990-01-01",
      "name",
      "dob",
      "zip",
      "Zed",
    ];
    const texts = piecesTexts(pieces, 2000, 10, seededRandom(1616));
    expect(readsOutside(() => texts.forEach((t) => TABLE_COLUMN.detect(t, { internalDomains: [] })))).toEqual(
      [],
    );
  });
});
