/**
 * The review's reasons as the public reads them in a published transcript. Reviewers (the review
 * API, the records) keep the full reasons: which deny term or internal domain of the lab's policy
 * was near ("deny term #3, distance 1"), where (`messages[0].parts[0].text`), how many
 * placeholders. Published, the same details would point at the lab's confidential terms: a word
 * one edit from "deny term #3" at a given path tells anyone what the codename looks like, and the
 * same number across transcripts links them. So a published transcript names each check that
 * fired once, by its code and a fixed sentence, with no path, number or count.
 */
import type { ReviewReason } from "../records";
import type { ReasonCode } from "./reasons";

/** One fixed sentence per code: what the check looks for, never what it found or where. */
export const PUBLIC_MESSAGE: Record<ReasonCode, string> = {
  survival: "a redacted value may survive in some encoding",
  residual_secret: "a secret-shaped token",
  residual_email: "an e-mail address",
  residual_card: "a payment card or bank account number",
  keyword_secret: "a credential-looking value after a keyword",
  command_credential: "a credential-looking value given to a command or printed by one",
  positional_credential: "a credential-looking value passed without its keyword",
  bearer_token: "a bearer or basic credential",
  url_credentials: "credentials in a URL",
  private_key: "a private key block",
  deny_term: "a term of the lab's policy",
  unlisted_field: "a field outside the published allow-list",
  malformed: "the published form does not match its schema",
  opaque_text: "opaque reasoning that carries text",
  residual_script_pii_strong: "personal data after a form label in Chinese, Japanese or Korean",
  residual_birth_date: "a date of birth",
  residual_id_number: "an identity document's or a record's number",
  residual_account_id: "an account or customer identifier",
  residual_profile_link: "a handle in a profile link",
  residual_location: "a home's coordinates or a post code next to an address",
  residual_number: "a number shaped like a phone or social security number",
  keyword_context: "a plain word after a credential keyword",
  deny_term_near: "a word close to a term of the lab's policy",
  deny_term_encoded: "a term of the lab's policy in an encoding",
  internal_host: "a name close to one of the lab's internal domains",
  residual_author_name: "a participant's name",
  residual_person: "a person's name in a header, an address line or a signature",
  residual_user_path: "a user name in a path",
  residual_user_name: "a user name in terminal output, a commit, a key or a field",
  redaction_density: "many placeholders for the length of the text",
  legibility_drop: "redaction lowered the legibility score",
  residual_script_pii: "a possible name or address in Chinese, Japanese or Korean",
  opaque_reasoning: "opaque reasoning that cannot be reviewed",
};

const FALLBACK = "another check of the review";

/**
 * The published reasons: each code once, in the order first given (the review lists the most
 * severe first), with its fixed sentence and no path.
 */
export function publicReasons(reasons: readonly ReviewReason[]): ReviewReason[] {
  if (reasons.length === 0) return [];
  const seen = new Set<string>();
  const out: ReviewReason[] = [];
  for (const r of reasons) {
    if (seen.has(r.code)) continue;
    seen.add(r.code);
    out.push({ code: r.code, message: (PUBLIC_MESSAGE as Record<string, string>)[r.code] ?? FALLBACK });
  }
  return out;
}
