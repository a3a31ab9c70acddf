/**
 * The review's reason codes and what each does to the verdict. Codes are stable and machine
 * readable; messages are plain words and never contain the flagged value.
 */
import type { ReviewReason, Verdict } from "../records";

export const REASON_SEVERITY = {
  /** A value the first pass redacted is still in the output (in some encoding). */
  survival: "BLOCK",
  /** A token shaped like a credential (character classes + entropy). */
  residual_secret: "BLOCK",
  /** An e-mail address anywhere (the first pass replaces them all; documentation domains such as `example.com` aside). */
  residual_email: "BLOCK",
  /** A payment card number (issuer prefix, Luhn check) written as a JSON number, or in its groups with any separator; an IBAN in its groups. */
  residual_card: "BLOCK",
  /** A credential-looking value right after `password=`, `token:`, `api_key`…, or in prose (`the password for admin is now …`). */
  keyword_secret: "BLOCK",
  /**
   * A credential-looking value given to a command by a short flag or by position (`mysql -pX`,
   * `sshpass -p X`, `redis-cli -a X`, `vault login X`…), or printed alone on the line after the
   * command that fetches it (`echo $DB_PASSWORD`, `printenv API_KEY`, `vault kv get -field=…`).
   */
  command_credential: "BLOCK",
  /**
   * A credential-looking value passed without its keyword: an auth tuple or login call's password
   * argument, a `<password>` element, a `.pgpass` line, a `key="…Password" value="…"` pair, an
   * app password after a password cue.
   */
  positional_credential: "BLOCK",
  /** `Bearer …` / `Basic …` with a credential-looking value. */
  bearer_token: "BLOCK",
  /** `scheme://user:password@host`. */
  url_credentials: "BLOCK",
  /** A PEM private-key block. */
  private_key: "BLOCK",
  /** A lab deny term, exactly (after case, spacing and look-alike folding). */
  deny_term: "BLOCK",
  /** A field outside the published allow-list. */
  unlisted_field: "BLOCK",
  /** The published form does not match its schema. */
  malformed: "BLOCK",
  /** Opaque (encrypted/redacted) reasoning that carries text. */
  opaque_text: "BLOCK",
  /** A name right after a form label (`姓名：`, `氏名：`, `성명:`, `नाम:`, `الاسم:`) or a `〒` postcode followed by an address. */
  residual_script_pii_strong: "BLOCK",
  /** A full date after a birth cue ("DOB:", "born on", "date of birth"…), `cued.ts`. */
  residual_birth_date: "BLOCK",
  /** A passport, driver's licence, medical record, national insurance, tax or VIN number after its label. */
  residual_id_number: "BLOCK",
  /** A phone or social security number shape written as a JSON number: a human confirms. */
  residual_number: "NEEDS_HUMAN",
  /** A plain word right after `password:`/`token=`: probably harmless, a human confirms. */
  keyword_context: "NEEDS_HUMAN",
  /** Something within a small edit distance of a deny term, or the term as the start or end of a longer word. */
  deny_term_near: "NEEDS_HUMAN",
  /**
   * A lab deny term encoded: in base64 (also base64url, at any byte alignment) or hex, in rot13 or
   * reversed (`encoded.ts`). A human confirms: a reversed or rotated word may be another word
   * ("Lever" reversed is "revel"); the redaction replaces them all, so one here slipped past it.
   */
  deny_term_encoded: "NEEDS_HUMAN",
  /**
   * One of the lab's internal domains, matched as deny terms are (so also spaced, in full width,
   * in look-alike letters, percent-encoded), or near one: a human confirms (the words of a domain
   * can occur in prose: `acme.internal`, "the Acme internal wiki").
   */
  internal_host: "NEEDS_HUMAN",
  /** A user name in a path (`/home/jroe/`, `/scratch/jroe/`, `~jroe/`): a folder may be a project's, a human confirms. */
  residual_user_path: "NEEDS_HUMAN",
  /**
   * A person's account name outside a path: a shell prompt, `ssh name@host`, `squeue -u name`,
   * `uid=…(name)`, an `ls -l` owner, a table's USER column, `Author: name <…>`, `"assignee": "name"`,
   * `cc: @name`, `owner:name` in a tag, a fine-tune's suffix (`users.ts`). A handle is a pseudonym
   * and the place may hold a service account or an organisation: a human confirms.
   */
  residual_user_name: "NEEDS_HUMAN",
  /** An account, customer, member, policy, patient, employee or student ID or number: may be a fixture's, a human confirms. */
  residual_account_id: "NEEDS_HUMAN",
  /** A handle in a profile link (LinkedIn, Facebook, X…): may be a public figure's or a company's, a human confirms. */
  residual_profile_link: "NEEDS_HUMAN",
  /** Precise coordinates next to "my home"/"she lives"…, or a post code right after a redacted address. */
  residual_location: "NEEDS_HUMAN",
  /**
   * A capitalised run of two or three words where a person's name stands (before `<e-mail>`, in a
   * `From:`/`To:`/`Signed-off-by:` line, a vCard, an invitation's `CN=`, a signature): may be a
   * team or a public author, a human confirms (`people.ts`).
   */
  residual_person: "NEEDS_HUMAN",
  /** The author name of a user's or system message that is not a placeholder (a person's handle). */
  residual_author_name: "NEEDS_HUMAN",
  /** More placeholders per word than the threshold. */
  redaction_density: "NEEDS_HUMAN",
  /** Redaction cost more legibility than the threshold. */
  legibility_drop: "NEEDS_HUMAN",
  /**
   * In Chinese, Japanese or Korean, a name after an introduction or before an honorific, a postal
   * address or a phone number after a phone cue; in Hindi or Arabic, a name after a cue: a human
   * confirms.
   */
  residual_script_pii: "NEEDS_HUMAN",
  /** The transcript holds opaque reasoning: what it hides cannot be reviewed. */
  opaque_reasoning: "NEEDS_HUMAN",
} as const satisfies Record<string, Exclude<Verdict, "PASS">>;

export type ReasonCode = keyof typeof REASON_SEVERITY;

export function reason(code: ReasonCode, message: string, path?: string): ReviewReason {
  return path === undefined ? { code, message } : { code, message, path };
}

/** BLOCK if any reason blocks, NEEDS_HUMAN if any asks for a human, else PASS. */
export function verdictOf(reasons: readonly ReviewReason[]): Verdict {
  let v: Verdict = "PASS";
  for (const r of reasons) {
    const s = (REASON_SEVERITY as Record<string, Verdict | undefined>)[r.code] ?? "NEEDS_HUMAN";
    if (s === "BLOCK") return "BLOCK";
    if (s === "NEEDS_HUMAN") v = "NEEDS_HUMAN";
  }
  return v;
}
