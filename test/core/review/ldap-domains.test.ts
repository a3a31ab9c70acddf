/** The review finds the lab's internal domains written as LDAP domain components (`ldap.ts`). */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { body, text } from "./helpers";

const policy = { denyTerms: [], internalDomains: ["corp.example.com"] };
const codes = (t: string) => review({ body: body([text(t)]), policy }).reasons.map((r) => r.code);

describe("review: internal domains as LDAP domain components", () => {
  it("asks a human", () => {
    expect(codes("ldapsearch -b 'DC=corp,DC=example,DC=com'")).toEqual(["internal_host"]);
    expect(codes("base dc = eu , dc = corp , dc = example , dc = com")).toEqual(["internal_host"]);
    expect(review({ body: body([text("DC=corp,DC=example,DC=com")]), policy }).verdict).toBe("NEEDS_HUMAN");
  });
  it("leaves other domains, and texts without a policy", () => {
    expect(codes("DC=example,DC=com")).toEqual([]);
    expect(codes("DC=corpx,DC=example,DC=com")).toEqual([]);
    expect(review({ body: body([text("DC=corp,DC=example,DC=com")]) }).reasons).toEqual([]);
  });
});
