/**
 * The lab's internal domains written as an LDAP name's domain components
 * (`DC=corp,DC=example,DC=com`, as directory queries and certificates write them), which the deny
 * matcher, reading host names, does not see. Written apart from the redaction's rule.
 */

/** Two or more `dc=<label>` joined by commas, any case and spacing. */
const COMPONENTS =
  /(?<![A-Za-z0-9_-])[dD][cC]\s*=\s*([A-Za-z0-9-]+)((?:\s*,\s*[dD][cC]\s*=\s*[A-Za-z0-9-]+)+)/g;

/** Whether `text` names one of `domains` (or a host under one) as LDAP domain components. */
export function hasLdapInternalDomain(text: string, domains: readonly string[]): boolean {
  if (domains.length === 0 || !text.includes("=") || !/dc\s*=/i.test(text)) return false;
  const wanted = domains
    .map((d) =>
      d
        .trim()
        .toLowerCase()
        .replace(/^\*?\./, ""),
    )
    .filter(Boolean);
  COMPONENTS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COMPONENTS.exec(text)) !== null) {
    const labels = [
      m[1]!,
      ...m[2]!
        .split(",")
        .slice(1)
        .map((c) => c.split("=")[1]!.trim()),
    ];
    const host = labels.join(".").toLowerCase();
    if (wanted.some((d) => host === d || host.endsWith("." + d))) return true;
  }
  return false;
}
