/**
 * `table-column`: the cells of a table's personal columns, by what the column's header says
 * (agentic transcripts hold tool outputs: CSV/TSV files, markdown tables, SQL clients' output,
 * pandas prints). The cells whose own detectors know their format (e-mails, phones, SSNs, many
 * names) are found already; a date of birth, a post code, a name outside the lexicon or a phone
 * of an odd format are only personal because of the header above them.
 *
 * Formats:
 * - separated lines with a header line: comma, semicolon, tab (quoted cells with the separator
 *   inside, `""` escapes) and pipe — markdown tables (`|---|` row), SQL boxed output (`+----+`
 *   borders, `mysql>`), psql's aligned output (`----+----` row);
 * - columns under a row of dashes (sqlite's `.mode column`, `sqlcmd`, SQL*Plus): each run of
 *   dashes is a column's extent;
 * - pandas prints (`df.head()`): a header line starting with blanks, rows starting with their
 *   index from `0`; columns right-aligned and two blanks apart, so a column is what ends where its
 *   header ends.
 *
 * A header looks like one: two or more cells, each a short name (a letter first, up to four
 * words), one of them naming a personal column; the rows below hold as many cells (a trailing
 * separator aside). The table ends at the first line of another shape (a blank line too).
 * A column is personal on its own (`full_name`, `dob`, `email`, `phone`, `ssn`, `passport`,
 * `home_address`…) or only beside another: a bare `name` (products, models, files have names
 * too), an `address`, a `zip`/`postcode` — a post code alone is weakly identifying, but with a
 * name or a date of birth it is what re-identifies people (ZIP, birth date and sex single out
 * most Americans), so such columns are taken when the table also holds a personal column of its
 * own, or a name and an address together. Empty cells, `NULL`, `None`, `NaN`, `-`, `N/A` and
 * placeholders stay. Spans cover a cell's text only (not separators, padding or quotes).
 *
 * Cost: a text without a line break costs nothing; otherwise one native search per separator
 * character and per fixed string (`\n0 `, `--`), and the lines around a hit are read only when
 * the next line holds the same separator.
 */
import { CATEGORY, type Detector, type Span } from "./types";

const DETECTOR = "table-column";

/** A column's category and whether it is personal on its own (`strong`). */
interface Column {
  category: string;
  strong: boolean;
  /** a weak name column (needs another personal column, or an address beside it) */
  name?: boolean;
}

const NAME_QUALIFIER =
  "full|first|last|given|family|middle|maiden|sur|fore|legal|preferred|birth|customer|patient|employee|client|contact|student|member|person|applicant|candidate|passenger|guest|tenant|resident|owner|holder|account_holder|card_holder|cardholder|beneficiary|emergency_contact|next_of_kin|parent|guardian|spouse|mother|father|doctor|physician|recipient|sender|insured|policyholder|subscriber|donor|buyer|seller|payer|payee|driver|traveler|traveller|visitor|user_full|real";

/** Header names, normalised (lower case, `_` between words), to their columns. */
const HEADER_RULES: [RegExp, Column][] = [
  [
    /^(?:(?:personal|work|home|contact|primary|secondary|customer|user|patient|private|alt|alternate|billing)_)?e_?mail(?:_?address|_addr|_id)?$/,
    { category: CATEGORY.email, strong: true },
  ],
  [
    /^(?:(?:home|work|mobile|cell|contact|primary|secondary|personal|emergency|emergency_contact|patient|customer|alt|daytime|evening)_)?(?:phone|telephone|tel|mobile|cellphone|cell_phone|msisdn|fax|whatsapp)(?:_?number|_no|_num|_nr)?$/,
    { category: CATEGORY.phone, strong: true },
  ],
  [
    /^(?:ssn|social_security(?:_number|_no|_num)?|social_sec(?:urity)?_?(?:no|num|number)?)$/,
    { category: CATEGORY.ssn, strong: true },
  ],
  [/^iban(?:_number|_no)?$/, { category: CATEGORY.iban, strong: true }],
  [
    /^(?:passport(?:_?number|_no|_num|_id)?|national_id(?:_number|_no)?|national_identity_number|id_card(?:_number|_no)?|drivers?_licen[cs]e(?:_number|_no|_num)?|driving_licen[cs]e(?:_number|_no)?|dl_(?:number|no)|mrn|medical_record(?:_number|_no)?|nhs(?:_number|_no)?|nino|ni_number|national_insurance(?:_number|_no)?|tax_id|taxpayer_id|(?:bank_)?account_(?:number|no|num)|acct_(?:number|no|num)|patient_id|health_card(?:_number|_no)?|insurance_(?:number|no|id)|policy_(?:number|no))$/,
    { category: CATEGORY.id, strong: true },
  ],
  [
    /^(?:dob|d_o_b|date_of_birth|dateofbirth|birth_?date|birth_?day|birth_dt|born|born_on|birth|geburtsdatum|fecha_(?:de_)?nacimiento|date_(?:de_)?naissance|data_(?:di_)?nascita)$/,
    { category: CATEGORY.dob, strong: true },
  ],
  [
    /^(?:(?:home|street|residential|mailing|postal|billing|shipping|delivery|physical|permanent|current|customer|patient|private|res)_address(?:_line_?\d)?|street_address|address_line_?\d|addr_line_?\d|street_line_?\d)$/,
    { category: CATEGORY.address, strong: true },
  ],
  [
    /^(?:address|addr|address_?1|address_?2|street|adresse|direccion|indirizzo)$/,
    { category: CATEGORY.address, strong: false },
  ],
  [
    /^(?:zip|zipcode|zip_code|zip_postal_code|post_?code|postal_?code|plz|postleitzahl|code_postal|codigo_postal|cap)$/,
    { category: CATEGORY.address, strong: false },
  ],
  [
    new RegExp(
      `^(?:(?:${NAME_QUALIFIER})_?names?|surname|forename|given_names|name_(?:first|last|full)|nombre_completo|nom_complet|vorname|nachname|apellidos?|prenom)$`,
    ),
    { category: CATEGORY.person, strong: true },
  ],
  [
    /^(?:name|names|first|last|nombre|nom|person|patient|customer|employee|contact)$/,
    { category: CATEGORY.person, strong: false, name: true },
  ],
];

/** A header cell as a name: letters first, then letters, digits, blanks and `_ . - # ( ) /`; up to 40 characters. */
const HEADER_CELL = /^[A-Za-z][A-Za-z0-9_ .#()/-]{0,39}$/;

/** Cells that hold nothing: kept. */
const EMPTY_CELL =
  /^(?:null|none|nan|nat|nil|n\/?a|na|-+|—|–|\?+|\.\.\.|…|unknown|redacted|withheld|not provided|not available|x+|\*+|_+|<[^<>]*>|\[[^[\]]*\]|\{[^{}]*\}|⟦[^⟦⟧]*⟧)$/i;

/** The column a header cell names, or undefined. */
export function headerColumn(cell: string): Column | undefined {
  if (!HEADER_CELL.test(cell)) return undefined;
  const words = cell.trim().split(/\s+/);
  if (words.length > 4) return undefined;
  const key = cell
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  for (const [re, col] of HEADER_RULES) if (re.test(key)) return col;
  return undefined;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** `[start, end)` of a cell's text: without padding, and without the quotes around it. */
function trimCell(text: string, s: number, e: number): [number, number] {
  while (s < e && isBlank(text.charCodeAt(s))) s++;
  while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
  if (e - s >= 2) {
    const q = text.charCodeAt(s);
    if ((q === 34 || q === 39 || q === 96) && text.charCodeAt(e - 1) === q) {
      s++;
      e--;
      while (s < e && isBlank(text.charCodeAt(s))) s++;
      while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
    }
  }
  return [s, e];
}

/**
 * The cells of the line `[ls, le)` split at `sep` (raw ranges, padding included), or undefined
 * when a quote is left open. Double quotes group a cell (`"Ruiz, Ana"`, `""` inside) for every
 * separator but the pipe; a pipe line's outer pipes are dropped.
 */
function splitLine(text: string, ls: number, le: number, sep: number): [number, number][] | undefined {
  const cells: [number, number][] = [];
  let s = ls;
  let i = ls;
  if (sep === 124) {
    let a = ls;
    while (a < le && isBlank(text.charCodeAt(a))) a++;
    let b = le;
    while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
    if (a < b && text.charCodeAt(a) === 124) {
      s = a + 1;
      i = a + 1;
    }
    if (b > s && text.charCodeAt(b - 1) === 124) le = b - 1;
    for (; i < le; i++) {
      if (text.charCodeAt(i) === 124) {
        cells.push([s, i]);
        s = i + 1;
      }
    }
    cells.push([s, le]);
    return cells;
  }
  while (i < le) {
    // A quoted cell: its first character after padding is a quote.
    let j = i;
    while (j < le && text.charCodeAt(j) === 32) j++;
    if (j < le && text.charCodeAt(j) === 34) {
      j++;
      for (;;) {
        if (j >= le) return undefined;
        if (text.charCodeAt(j) === 34) {
          if (j + 1 < le && text.charCodeAt(j + 1) === 34) j += 2;
          else break;
        } else j++;
      }
      j++;
      while (j < le && text.charCodeAt(j) !== sep) j++;
    } else {
      while (j < le && text.charCodeAt(j) !== sep) j++;
    }
    cells.push([s, j]);
    if (j >= le) return cells;
    s = j + 1;
    i = j + 1;
  }
  cells.push([s, le]); // after a trailing separator
  return cells;
}

/** Whether `[ls, le)` is a rule line of a pipe table: only `- + | : =` and blanks, with a `-`. */
function isRuleLine(text: string, ls: number, le: number): boolean {
  let dash = false;
  for (let i = ls; i < le; i++) {
    const c = text.charCodeAt(i);
    if (c === 45) dash = true;
    else if (c !== 43 && c !== 124 && c !== 58 && c !== 61 && !isBlank(c)) return false;
  }
  return dash;
}

/** The end of the line starting at `ls` (before `\r\n` or `\n`, or the text's end). */
function lineEnd(text: string, ls: number): number {
  const nl = text.indexOf("\n", ls);
  return nl < 0 ? text.length : nl;
}

function contentEnd(text: string, ls: number, le: number): number {
  return le > ls && text.charCodeAt(le - 1) === 13 ? le - 1 : le;
}

/**
 * The columns of a header (index → column) when the table is personal, or undefined: every cell
 * a header name, two or more of them, and a personal column of its own — or a name and an
 * address together.
 */
function personalColumns(names: string[]): Map<number, Column> | undefined {
  if (names.length < 2) return undefined;
  const cols = new Map<number, Column>();
  let strong = false;
  let name = false;
  let address = false;
  for (let k = 0; k < names.length; k++) {
    const n = names[k]!;
    if (!HEADER_CELL.test(n)) return undefined;
    const col = headerColumn(n);
    if (!col) continue;
    cols.set(k, col);
    if (col.strong) strong = true;
    if (col.name) name = true;
    if (col.category === CATEGORY.address) address = true;
  }
  return strong || (name && address) ? cols : undefined;
}

/**
 * A date of birth in full: a day, a month and a year — three runs of digits, two with a year of
 * four digits (`March 3, 1990`, `1990-02`), or eight digits (`19900211`). A year alone (a
 * historical figure's "born" column) or a day and a month are not.
 */
function fullDate(v: string): boolean {
  const runs = v.match(/\d+/g);
  if (!runs) return false;
  if (runs.length >= 3) return true;
  if (runs.length === 2) return runs.some((r) => r.length === 4);
  return runs[0]!.length === 8;
}

/** Whether a cell's text can be a value of the column (a date, a number or a code need a digit). */
function cellValue(v: string, col: Column): boolean {
  if (v.length === 0 || EMPTY_CELL.test(v)) return false;
  if (col.category === CATEGORY.person || col.category === CATEGORY.email) return /\p{L}/u.test(v);
  if (col.category === CATEGORY.dob) return fullDate(v);
  if (col.category === CATEGORY.address && col.strong) return /[\p{L}\d]/u.test(v);
  return /\d/.test(v);
}

/**
 * The personal cells of one table, given to `out` only when the table proves personal by its
 * values: a column personal on its own holds a value (a full date under `dob`, a letter under
 * `email`…), or a name column and an address column both do.
 */
class TableCells {
  private readonly spans: Span[] = [];
  private strong = false;
  private name = false;
  private address = false;

  push(text: string, s: number, e: number, col: Column): void {
    const [a, b] = trimCell(text, s, e);
    if (!cellValue(text.slice(a, b), col)) return;
    this.spans.push({ start: a, end: b, category: col.category, detector: DETECTOR });
    if (col.strong) this.strong = true;
    else if (col.name === true) this.name = true;
    else if (col.category === CATEGORY.address) this.address = true;
  }

  flush(out: Span[]): boolean {
    if (!(this.strong || (this.name && this.address))) return false;
    for (const sp of this.spans) out.push(sp);
    return true;
  }
}

/** Cells of a header line split at `sep`, as trimmed strings (a trailing empty cell dropped). */
function cellNames(text: string, cells: [number, number][]): string[] {
  const names = cells.map(([s, e]) => {
    const [a, b] = trimCell(text, s, e);
    return text.slice(a, b);
  });
  if (names.length > 1 && names[names.length - 1] === "") names.pop();
  return names;
}

/**
 * The table whose header is the line `[ls, le)` split at `sep`: its personal cells pushed onto
 * `out`; returns where the table ends (the header's end when it is none).
 */
function separatedTable(text: string, ls: number, le: number, sep: number, out: Span[]): number {
  const hEnd = contentEnd(text, ls, le);
  const hCells = splitLine(text, ls, hEnd, sep);
  if (!hCells) return le;
  const names = cellNames(text, hCells);
  const cols = personalColumns(names);
  if (!cols) return le;
  const n = names.length;
  const found = new TableCells();
  let end = le;
  let rows = 0;
  let p = le + 1;
  while (p < text.length) {
    const re = lineEnd(text, p);
    const ce = contentEnd(text, p, re);
    if (sep === 124 && isRuleLine(text, p, ce)) {
      end = re;
      p = re + 1;
      continue;
    }
    const cells = splitLine(text, p, ce, sep);
    if (!cells) break;
    if (cells.length === n + 1) {
      const [a, b] = trimCell(text, cells[n]![0], cells[n]![1]);
      if (a !== b) break;
    } else if (cells.length !== n) break;
    for (const [k, col] of cols) found.push(text, cells[k]![0], cells[k]![1], col);
    rows++;
    end = re;
    p = re + 1;
  }
  return rows > 0 && found.flush(out) ? end : le;
}

const SEPARATORS = [124, 9, 44, 59]; // | tab , ;

/**
 * Headers are looked for at each line holding a separator whose next line holds one too (or, for
 * pipes, is a rule line): per line, a search for its end and one for the next separator (which
 * is where the next look starts); the line's start is searched for only then.
 */
function separatedTables(text: string, out: Span[]): void {
  const n = text.length;
  for (const sep of SEPARATORS) {
    let covered = 0;
    const ch = String.fromCharCode(sep);
    let p = text.indexOf(ch);
    while (p >= 0) {
      const le = lineEnd(text, p);
      if (le + 1 >= n) break;
      // (No separator after this line: no row can follow.)
      const q = text.indexOf(ch, le + 1);
      if (q < 0) break;
      const c = text.charCodeAt(le + 1);
      if (c !== 10 && c !== 13) {
        // (A separator that starts the next line is in it: its end is not needed.)
        const ne = q === le + 1 ? n : lineEnd(text, le + 1);
        if (q < ne || (sep === 124 && isRuleLine(text, le + 1, contentEnd(text, le + 1, ne)))) {
          const ls = text.lastIndexOf("\n", p) + 1;
          // The first cell must be short for a header: prose fails here.
          if (ls >= covered && p - ls <= 42) {
            const end = separatedTable(text, ls, le, sep, out);
            if (end > le) covered = end;
          }
        }
      }
      p = q;
    }
  }
}

// ------------------------------------------------------------ columns under dashes

/** The runs of dashes of a line of dashes and blanks (two or more runs), or undefined. */
function dashRuns(text: string, ls: number, le: number): [number, number][] | undefined {
  const runs: [number, number][] = [];
  let i = ls;
  while (i < le) {
    const c = text.charCodeAt(i);
    if (c === 45) {
      const s = i;
      while (i < le && text.charCodeAt(i) === 45) i++;
      runs.push([s, i]);
    } else if (c === 32) i++;
    else return undefined;
  }
  return runs.length >= 2 ? runs : undefined;
}

/** Whether the cell `[s, e)` of a line fits its column: blank (or the line's edge) on both sides. */
function fits(text: string, ls: number, le: number, s: number, e: number): boolean {
  return (s <= ls || text.charCodeAt(s - 1) === 32) && (e >= le || text.charCodeAt(e) === 32);
}

function dashedTables(text: string, out: Span[]): void {
  for (let p = text.indexOf("--"); p >= 0;) {
    const ls = text.lastIndexOf("\n", p) + 1;
    const le = lineEnd(text, p);
    const next = le + 1;
    if (ls >= 2) {
      const runs = dashRuns(text, ls, contentEnd(text, ls, le));
      const hs = text.lastIndexOf("\n", ls - 2) + 1;
      const he = contentEnd(text, hs, ls - 1);
      if (runs && runs[0]![0] - ls < 8 && he - hs <= runs[runs.length - 1]![1] - ls + 40) {
        const names = runs.map(([s, e]) => {
          const a = hs + (s - ls);
          const b = Math.min(he, hs + (e - ls));
          if (a >= b || !fits(text, hs, he, a, b)) return "";
          const [x, y] = trimCell(text, a, b);
          return text.slice(x, y);
        });
        const cols = names.includes("") ? undefined : personalColumns(names);
        if (cols) {
          const found = new TableCells();
          let r = next;
          while (r < text.length) {
            const re = lineEnd(text, r);
            const ce = contentEnd(text, r, re);
            if (ce === r) break;
            let ok = true;
            for (const [s, e] of runs) {
              const a = r + (s - ls);
              const b = Math.min(ce, r + (e - ls));
              if (a < ce && !fits(text, r, ce, a, b)) ok = false;
            }
            if (!ok || ce - r > runs[runs.length - 1]![1] - ls + 1) break;
            for (const [k, col] of cols) {
              const [s, e] = runs[k]!;
              const a = r + (s - ls);
              if (a < ce) found.push(text, a, Math.min(ce, r + (e - ls)), col);
            }
            r = re + 1;
          }
          found.flush(out);
        }
      }
    }
    if (le >= text.length) break;
    p = text.indexOf("--", le + 1);
  }
}

// ------------------------------------------------------------ pandas prints

const INDEX = /^(?:\d+|\.\.)$/;

/** A pandas print: the header line before `\n0 `, blank-led; rows led by their index. */
function pandasTables(text: string, out: Span[]): void {
  for (let p = text.indexOf("\n0 "); p >= 0; p = text.indexOf("\n0 ", p + 1)) {
    const he = contentEnd(text, text.lastIndexOf("\n", p - 1) + 1, p);
    const hs = text.lastIndexOf("\n", p - 1) + 1;
    if (he - hs < 3 || text.charCodeAt(hs) !== 32) continue;
    // Column names: runs of the header split at two blanks or more; each column ends where its name ends.
    const names: string[] = [];
    const edges: number[] = [];
    let i = hs;
    while (i < he) {
      while (i < he && text.charCodeAt(i) === 32) i++;
      if (i >= he) break;
      const s = i;
      while (i < he && !(text.charCodeAt(i) === 32 && (i + 1 >= he || text.charCodeAt(i + 1) === 32))) i++;
      names.push(text.slice(s, i));
      edges.push(i - hs);
    }
    const cols = personalColumns(names);
    if (!cols) continue;
    const width = he - hs;
    const found = new TableCells();
    let r = p + 1;
    while (r < text.length) {
      const re = lineEnd(text, r);
      const ce = contentEnd(text, r, re);
      if (ce - r !== width) break;
      let ix = r;
      while (ix < ce && text.charCodeAt(ix) !== 32) ix++;
      if (!INDEX.test(text.slice(r, ix))) break;
      // Right-aligned cells: each ends at its column's edge (a blank there, or the line's end, after it).
      let ok = true;
      for (let k = 0; k < edges.length && ok; k++) {
        const at = r + edges[k]!;
        if (at < ce && text.charCodeAt(at) !== 32) ok = false;
        const from = k === 0 ? ix : r + edges[k - 1]!;
        if (text.charCodeAt(at - 1) === 32 && !blankRange(text, from, at)) ok = false;
      }
      if (!ok) break;
      for (const [k, col] of cols) {
        const s = k === 0 ? ix : r + edges[k - 1]!;
        found.push(text, s, r + edges[k]!, col);
      }
      r = re + 1;
    }
    found.flush(out);
  }
}

function blankRange(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

function tableSpans(text: string): Span[] {
  if (text.indexOf("\n") < 0) return [];
  const out: Span[] = [];
  separatedTables(text, out);
  if (text.indexOf("--") >= 0) dashedTables(text, out);
  if (text.indexOf("\n0 ") >= 0) pandasTables(text, out);
  return out;
}

export const TABLE_COLUMN: Detector = {
  name: DETECTOR,
  category: CATEGORY.person,
  detect: tableSpans,
};
