/**
 * The review checks the fields whose published form the publishing rules fix, on its own
 * (red-team pass, session six: `john.smith` as a user's name and a `createdAt` with the writer's
 * UTC offset were published with PASS).
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review/index";
import { body, CLEAN, text } from "./helpers";

const codes = (r: ReturnType<typeof review>) => r.reasons.map((x) => x.code);

function named(role: "user" | "system" | "assistant" | "tool", name: string) {
  const m = text(CLEAN, role);
  return body([{ ...m, name }, text(CLEAN)]);
}

describe("review: author names", () => {
  it("a user's or system message's name that is not a placeholder goes to a person", () => {
    for (const role of ["user", "system"] as const)
      for (const name of ["john.smith", "JohnSmith", "jroe", "Roe", "王小明", "Jane_Roe"]) {
        const r = review({ body: named(role, name) });
        expect(codes(r), `${role} ${name}`).toEqual(["residual_author_name"]);
        expect(r.verdict).toBe("NEEDS_HUMAN");
        expect(r.reasons[0]!.path).toBe("messages[0].name");
        expect(r.reasons[0]!.message).not.toContain(name);
      }
  });

  it("a placeholder, role words, or an agent's or tool's name pass", () => {
    for (const name of ["⟦USER_1⟧", "user", "eval_runner_2", "assistant_v2", "TestUser"])
      expect(codes(review({ body: named("user", name) })), name).toEqual([]);
    for (const role of ["assistant", "tool"] as const)
      expect(codes(review({ body: named(role, "get_weather") }))).toEqual([]);
  });
});

describe("review: createdAt", () => {
  it("is a UTC day or the form is malformed", () => {
    const ok = review({ body: body([text(CLEAN, "user"), text(CLEAN)], { createdAt: "2026-11-29" }) });
    expect(codes(ok)).toEqual([]);
    for (const when of ["2026-11-29T14:03:11.482913+01:00", "2026-11-29 14:03", "4155550123", "2026-13-01"]) {
      const r = review({ body: body([text(CLEAN, "user"), text(CLEAN)], { createdAt: when }) });
      expect(codes(r), when).toContain("malformed");
      expect(r.verdict).toBe("BLOCK");
    }
  });
});
