import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";

function found(text: string): [string, string][] {
  return detect(text).map((s) => [text.slice(s.start, s.end), s.category]);
}

describe("ip: an address after user@", () => {
  it.each([
    ["ssh deploy@203.0.113.45", "203.0.113.45"],
    ["ssh deploy@10.0.3.17", "10.0.3.17"],
    ["scp build.tar root@192.168.0.12:/tmp/", "192.168.0.12"],
    ["git clone git@10.1.2.3:team/repo.git", "10.1.2.3"],
  ])("takes the address in %j as an IP (it was left as a version, or taken as a phone)", (text, ip) => {
    expect(found(text)).toContainEqual([ip, "IP"]);
  });

  it("still leaves versions: a package's four-part version after @ without an IP cue", () => {
    expect(found("pip install foo@1.2.3.4")).toEqual([]);
    expect(found("upgraded to node v20.11.1.0 today")).toEqual([]);
  });
});
