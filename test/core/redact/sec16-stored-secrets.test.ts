import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";

/** Fake hash bodies, built at run time (no secret-shaped literal in the repository). */
const B64 = ["Zk8vQ2x9rT4m", "Wp7Ls1nB6yHc", "3Vd5Ge0Jf2Ka", "9xYzQ1w2E3r4"].join("");
const SALT = "c2FsdH" + "NhbHQ";

function secrets(text: string): string[] {
  return detect(text)
    .filter((s) => s.category === "SECRET")
    .map((s) => text.slice(s.start, s.end));
}

describe("password-hash: stored password hashes are redacted whole", () => {
  const bcrypt = "$2y$10$" + B64.slice(0, 22) + B64.slice(10, 41);
  const argon = "$argon2id$v=19$m=65536,t=3,p=4$" + SALT + "$" + B64.slice(0, 32);
  const apr1 = "$apr1$Zy9Kq2$" + B64.slice(3, 25);
  const sha512 = "$6$rounds=5000$saltsalt$" + B64 + B64.slice(0, 38);
  const yescrypt = "$y$j9T$" + SALT + "$" + B64.slice(0, 43);
  const django = "pbkdf2_sha256$260000$" + SALT + "$" + B64.slice(0, 43) + "=";
  const ldap = "{SSHA}" + B64.slice(5, 37);
  it.each([
    ["an .htpasswd line", `admin:${apr1}`, apr1],
    ["a bcrypt hash in a users table", `| 3 | maria | ${bcrypt} | 2024-01-02 |`, bcrypt],
    ["an argon2 hash in code", `stored = "${argon}"`, argon],
    ["a shadow line (the user and dates stay)", `root:${sha512}:19000:0:99999:7:::`, sha512],
    ["a yescrypt shadow line", `deploy:${yescrypt}:19500:0:99999:7:::`, yescrypt],
    ["a Django password field", `{"password": "${django}"}`, django],
    ["a Django bcrypt field at a text's start", `bcrypt$${bcrypt}`, `bcrypt$${bcrypt}`],
    ["a Django argon2 field", `"password": "argon2${argon}"`, `argon2${argon}`],
    ["an LDAP userPassword", `userPassword: ${ldap}`, ldap],
  ])("%s", (_what, text, hash) => {
    expect(secrets(text)).toContain(hash);
  });

  it("leaves money and LaTeX maths alone", () => {
    for (const text of [
      "The total is $12 and $5, so $17.",
      "So $5$/$6$=0.8333333333333333 and $1$,$2$,$3$,$4$.",
      "Let $x$ be $2$ and $y=3$; then $x+y=5$.",
      "Costs: $1.25$, $2.50$ and $10.75$ — sum $14.50$.",
    ])
      expect(secrets(text)).toEqual([]);
  });
});

describe("registry-auth: base64 user:password of a registry login", () => {
  const login = btoa("deploybot:" + "S3cr" + "etPw-42");
  it("takes a Docker config.json auth and an .npmrc _auth", () => {
    expect(secrets(`{"auths": {"https://index.docker.io/v1/": {"auth": "${login}"}}}`)).toEqual([login]);
    expect(secrets(`//registry.npmjs.org/:_auth=${login}`)).toEqual([login]);
    expect(secrets(`auth: ${login}`)).toEqual([login]);
  });
  it("leaves base64 that is not user:password, and words after auth", () => {
    expect(secrets(`"auth": "${btoa("hello world")}"`)).toEqual([]);
    expect(secrets(`"auth": "Bearer"`)).toEqual([]);
    expect(secrets(`oauth: ${login}`)).toEqual([]);
  });
});
