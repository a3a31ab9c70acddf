/** The lab's internal domains written as LDAP domain components are internal hosts (red team). */
import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";

const policy = { denyTerms: [], allowTerms: [], internalDomains: ["corp.example.com"] };
const hosts = (t: string) =>
  detect(t, { policy })
    .filter((s) => s.category === "HOST")
    .map((s) => t.slice(s.start, s.end));

describe("internal domains as LDAP domain components", () => {
  it("takes the components of an internal domain, any case and spacing", () => {
    expect(hosts("ldapsearch -x -b 'DC=corp,DC=example,DC=com' '(uid=*)'")).toEqual([
      "DC=corp,DC=example,DC=com",
    ]);
    expect(hosts("base: ou=people, dc=eu, dc=corp, dc=example, dc=com")).toEqual([
      "dc=eu, dc=corp, dc=example, dc=com",
    ]);
    // Together with a host name in the same text.
    expect(hosts("wiki.corp.example.com and DC=corp,DC=example,DC=com")).toEqual([
      "wiki.corp.example.com",
      "DC=corp,DC=example,DC=com",
    ]);
  });
  it("leaves other domains and lone components", () => {
    expect(hosts("DC=example,DC=com")).toEqual([]);
    expect(hosts("DC=corpx,DC=example,DC=com")).toEqual([]);
    expect(hosts("the DC=corp setting")).toEqual([]);
    expect(detect("DC=corp,DC=example,DC=com")).toEqual([]);
  });
});
