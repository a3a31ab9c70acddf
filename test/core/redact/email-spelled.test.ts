/** E-mail addresses written out for people (`[at]`, `(dot)`), redacted as e-mails. */
import { describe, expect, it } from "vitest";
import { EMAIL } from "../../../lambdas/core/redact/pii";

const found = (text: string) => EMAIL.detect(text, {} as never).map((s) => text.slice(s.start, s.end));

describe("spelled-out e-mail addresses", () => {
  it("are found with the at and dot in brackets or parentheses, in any case and spacing", () => {
    const user = "jane" + ".doe";
    for (const [text, value] of [
      [`write to ${user} [at] example-corp [dot] com today`, `${user} [at] example-corp [dot] com`],
      [`write to ${user}(at)mail.example-corp.com.`, `${user}(at)mail.example-corp.com`],
      [`mail ${user} [AT] corp [DOT] co [DOT] uk now`, `${user} [AT] corp [DOT] co [DOT] uk`],
      [`mail ${user} ( at ) corp ( dot ) org`, `${user} ( at ) corp ( dot ) org`],
    ]) {
      expect(found(text!), text).toEqual([value]);
    }
  });

  it("leave prose with the words at and dot alone", () => {
    for (const text of [
      "We meet at noon (at the office) and dot the i's.",
      "Look at [the table] and the dot product (dot) of a and b.",
      "The value (at most 3) is fine [at least for now].",
      "connect a (at) b",
    ]) {
      expect(found(text), text).toEqual([]);
    }
  });

  it("take a matrix product followed by a method call for code, not an address", () => {
    expect(found("scores = q@k.transpose(-2, -1) / d ** 0.5")).toEqual([]);
    const addr = "jane" + "@corp-mail.com";
    expect(found(`mail ${addr} (work)`)).toEqual([addr]);
  });
});
