/**
 * Secrets the CredSweeper benchmark showed were published whole: provider tokens with a fixed
 * prefix, lines of a PEM body seen alone, password keywords spelt without their vowels, a keyword
 * passed as an argument before its value (`define('PASSWORD', '…')`, `curl_easy_setopt`), values
 * quoted with HTML entities or after a URL-encoded "=", and MySQL's `IDENTIFIED WITH … BY`.
 * Secret-shaped values are built at run time, so that secret scanners never flag this repository.
 */
import { describe, expect, it } from "vitest";
import { found, seededRandom } from "./helpers";

const secrets = (text: string) => found(text).filter((f) => f.startsWith("SECRET:"));

const r = seededRandom(15);
const draw = (alphabet: string, n: number) =>
  Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join("");
const HEX = "0123456789abcdef";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64 = ALNUM + "+/";

describe("provider tokens with a fixed prefix", () => {
  const cases: [string, string][] = [
    ["Sentry user token", "sntry" + "u_" + draw(HEX, 64)],
    ["SonarQube user token", "sq" + "u_" + draw(HEX, 40)],
    ["SonarQube analysis token", "sq" + "a_" + draw(HEX, 40)],
    ["Supabase v0 token", "sb" + "p_v0_" + draw(HEX, 40)],
    ["RubyGems key", "ruby" + "gems_" + draw(HEX, 48)],
    [
      "Heroku key",
      "HR" + "KU-" + [draw(HEX, 8), draw(HEX, 4), draw(HEX, 4), draw(HEX, 4), draw(HEX, 12)].join("-"),
    ],
    ["Heroku token", "HR" + "KU-AA" + draw(ALNUM + "_-", 58)],
    ["New Relic browser key", "NR" + "BR-" + draw(HEX, 19)],
    ["New Relic JS key", "NR" + "JS-" + draw(HEX, 19)],
    ["New Relic insights key", "NR" + "II-" + draw(ALNUM + "_-", 32)],
    ["New Relic licence key", draw(HEX, 36) + "NR" + "AL"],
    ["Postman access token", "PM" + "AT-" + draw(UPPER_DIGITS, 26)],
    ["Square access token", "sq0" + "atp-" + draw(ALNUM + "_-", 22)],
    [
      "Akamai client token",
      "ak" +
        "ab-" +
        draw("abcdefghijklmnopqrstuvwxyz0123456789", 16) +
        "-" +
        draw("abcdefghijklmnopqrstuvwxyz0123456789", 16),
    ],
    ["WunderGraph key", "cos" + "mo_" + draw(HEX, 32)],
    ["NATS user seed", "S" + "U" + draw(BASE32, 56)],
    ["NuGet API key", "oy" + "2" + draw("abcdefghijklmnopqrstuvwxyz0123456789", 43)],
    ["Telegram bot token", "5086" + "27689:" + "AA" + draw(ALNUM + "_-", 33)],
    ["Twilio account SID", "A" + "C" + draw(HEX, 32)],
    [
      "Azure DevOps token",
      draw(ALNUM, 52) + "JQQ" + "J99" + draw(UPPER_DIGITS, 18) + "AZ" + "DO" + draw(ALNUM, 4),
    ],
  ];
  it.each(cases)("%s, alone, in prose and in code", (_name, value) => {
    expect(secrets(value)).toEqual([`SECRET:${value}`]);
    expect(secrets(`I used ${value} to call the API.`)).toEqual([`SECRET:${value}`]);
    expect(secrets(`client = Client("${value}")`)).toEqual([`SECRET:${value}`]);
  });

  it("leaves the prefixes alone, and words and ids that share them", () => {
    for (const text of [
      "Tokens start with sntryu_ or squ_ or sbp_v0_, rubygems_ and HRKU-.",
      "NRBR- and NRJS- keys are for the browser agent.",
      "The ACME account id is AC-12 and the 32-digit order number ends in 55.",
      "See the SUPPORT.md file: SUPPORTED FEATURES ARE LISTED THERE",
      "akab-tokens come in pairs.",
      "The meeting is at 10:AA in room 3.",
    ])
      expect(secrets(text), text).toEqual([]);
  });
});

describe("a line of a PEM body seen alone", () => {
  it("a 64-character base64 line with slashes is no path", () => {
    for (let k = 0; k < 20; k++) {
      let line = draw(BASE64, 64);
      if (!line.includes("/")) line = line.slice(0, 20) + "/" + line.slice(21);
      line = line.replace(/^[+/]/, "Q");
      expect(secrets(`  *  ${line}`), line).toEqual([`SECRET:${line}`]);
      expect(secrets(` +   "${line}\\\\n"`), line).toEqual([`SECRET:${line}`]);
    }
  });

  it("a line that starts with '/' or '+'", () => {
    for (const lead of ["/", "+"]) {
      const line = lead + draw(BASE64, 63);
      expect(secrets(`  *  ${line}`), line).toEqual([`SECRET:${line}`]);
    }
  });

  it("leaves paths alone, with or without a leading slash", () => {
    for (const text of [
      "/usr/local/lib/node_modules/typescript/lib/typescriptServices/out",
      "src/components/UserProfile/EditProfileForm/validation/rulesForA/b",
      "/Users/Me/Library/Application/Support/Code/User/globalStorage/x",
    ])
      expect(secrets(text), text).toEqual([]);
  });
});

describe("password keywords spelt without vowels", () => {
  const value = "FlUge" + "GeHeImEn03";
  it.each(["PSWD", "PSSWD", "PSWRD", "PSWORD", "PSSWRD", "PSSWORD", "PASWD", "PASWRD", "PASWORD", "X3_PSWD"])(
    "%s",
    (kw) => {
      expect(secrets(`${kw}:=${value}`)).toEqual([`SECRET:${value}`]);
      expect(secrets(`${kw}=${value}`)).toEqual([`SECRET:${value}`]);
      expect(secrets(`export ${kw.toLowerCase()}="${value}"`)).toEqual([`SECRET:${value}`]);
    },
  );

  it("leaves words that hold the letters alone", () => {
    for (const text of [
      "The psw file format is documented.",
      "PSW: Pacific Standard Workday",
      "Capsword is a game.",
    ])
      expect(secrets(text), text).toEqual([]);
  });
});

describe("a keyword passed as an argument before its value", () => {
  const pw = "2Arh5dA1" + "Sn0ywiVYdnpwr3aLzZDJPNG";
  it("PHP define, C defines and setters", () => {
    expect(secrets(`define( 'PASSWORD' , '${pw}' );`)).toEqual([`SECRET:${pw}`]);
    expect(secrets(`define("DB_PASSWORD", "${pw}");`)).toEqual([`SECRET:${pw}`]);
    expect(secrets(`config.set("api_key", "${pw}")`)).toEqual([`SECRET:${pw}`]);
    expect(secrets(`os.environ.setdefault('SECRET_KEY', '${pw}')`)).toEqual([`SECRET:${pw}`]);
  });

  it("curl options", () => {
    const v = "KiASRCRiGF" + "LPDiIdZZLBXaNzXCMEdYIs";
    expect(secrets(`curl_easy_setopt(curl, CURLOPT_PASSWORD, "${v}");`)).toEqual([`SECRET:${v}`]);
    expect(secrets(`easy_setopt(curl, CURLOPT_PROXYPASSWORD, "${v}");`)).toEqual([`SECRET:${v}`]);
    expect(
      secrets(`easy_setopt(curl, CURLOPT_USERPWD, "root:dkb8" + "2VddSD");`.replace('" + "', "")),
    ).toEqual(["SECRET:root:dkb82VddSD"]);
    expect(
      secrets(`easy_setopt(curl, CURLOPT_PROXYUSERPWD, "user:NjWb" + "c62SosW");`.replace('" + "', "")),
    ).toEqual(["SECRET:user:NjWbc62SosW"]);
  });

  it("leaves arguments that are no values alone", () => {
    for (const text of [
      `define('PASSWORD_MIN_LENGTH', 'eight');`,
      `config.get("password", "")`,
      `setopt(curl, CURLOPT_USERPWD, userpwd);`,
      `t("password", "Password")`,
      `assert.equal(token, "expected")`,
    ])
      expect(secrets(text), text).toEqual([]);
  });
});

describe("values in HTML-escaped quotes or after a URL-encoded '='", () => {
  it("&quot; quotes", () => {
    const t = "g1re0g1T" + "0keN3zWx";
    expect(secrets(`<a href="http://example.com?token=&quot;${t}&quot;">Token</a>`)).toEqual([`SECRET:${t}`]);
    const p = "g1re0g1" + "Pa5$w0Rd";
    expect(secrets(`placeholder="Your password: &quot;${p}&quot;"`)).toEqual([`SECRET:${p}`]);
  });

  it("token%3D in an encoded query string", () => {
    const t = "h1d3Me4ch5" + "34d801sl3jdk";
    expect(secrets(`url = "https://localhost.com/0139?ts%3D1395%26token%3D${t}%26version%3D3.14"`)).toEqual([
      `SECRET:${t}`,
    ]);
  });
});

describe("MySQL users", () => {
  it("IDENTIFIED WITH a plugin BY a password, or AS a hash", () => {
    const p = "SqLpa5" + "sW0rD";
    expect(secrets(`ALTER USER 'root'@'localhost' IDENTIFIED WITH mysql_native_password BY '${p}';`)).toEqual(
      [`SECRET:${p}`],
    );
    const h = "*" + "92FD05ADCA2EC9D1E10C" + "096DEB1618BC2470E409";
    expect(
      secrets(`CREATE USER 'test'@'1.1.1.1' IDENTIFIED WITH 'mysql_native_password' AS '${h}' REQUIRE NONE;`),
    ).toEqual([`SECRET:${h}`]);
  });
});

describe("a comma before a value", () => {
  it("is no separator where the value is the next key of an object", () => {
    const text =
      '{"token_uri":"https://oauth2.googleapis.com/token","auth_provider_x509_cert_url":"https://www.googleapis.com/oauth2/v1/certs"}';
    expect(secrets(text)).toEqual([]);
    expect(secrets(`{"api_key", 'ab12Cd34Ef56Gh78': 1}`)).toEqual([]);
  });
});

describe("a value in triple quotes", () => {
  it("is read from inside the quotes", () => {
    const v = "KJHfdjs87" + "67gr54534wsFHGf5hJKhK";
    expect(secrets(`key_multi = '''${v}'''`)).toEqual([`SECRET:${v}`]);
    expect(secrets(`api_key = """${v}"""`)).toEqual([`SECRET:${v}`]);
  });
});

describe("PowerShell's ConvertTo-SecureString", () => {
  const pw = "4yd21JK" + "H~GE8dkd";
  it("the plain text it is given", () => {
    expect(found(`$pw = ConvertTo-SecureString "${pw}" -AsPlainText -Force`)).toContainEqual(`SECRET:${pw}`);
    expect(secrets(`ConvertTo-SecureString -String '${pw}' -AsPlainText -Force`)).toEqual([`SECRET:${pw}`]);
    expect(secrets(`ConvertTo-SecureString -AsPlainText -Force -String ${pw}`)).toEqual([`SECRET:${pw}`]);
    expect(secrets(`"ConvertTo-SecureString \\"${pw}\\""`)).toEqual([`SECRET:${pw}`]);
  });
  it("not a variable or a flag", () => {
    for (const text of [
      "$secure = ConvertTo-SecureString $plain -AsPlainText -Force",
      "ConvertTo-SecureString -String $env:PASSWORD -AsPlainText -Force",
      "Read-Host -AsSecureString | ConvertFrom-SecureString",
    ])
      expect(secrets(text), text).toEqual([]);
  });
});

describe("a JSON Web Key's private members", () => {
  it("d, and RSA's primes and exponents, even where they start with '-'", () => {
    const d = "-phZ8N4Guw" + "Zchy7FCMB14IA35dBU3sWy2ORxwWN8PbKqKOkZb8mh4v_gQgwg7j16uSd91COBNPGH0hNzaH2jOY";
    expect(secrets(`        "d": "${d}"`)).toEqual([`SECRET:${d}`]);
    const p = "_" + "x7Qm2Lr9" + "Tz4Kp8Wn3Vb6Yc1Hs5Dj0Fg2Ak7Ue9Io4Pl3Mn8Bv6";
    expect(secrets(`{"p":"${p}","kty":"RSA"}`)).toEqual([`SECRET:${p}`]);
  });
  it("not short values, nor other keys", () => {
    expect(secrets('{"d": "2024-01-01", "id": "-abc"}')).toEqual([]);
    expect(secrets('{"e": "AQAB", "kty": "RSA", "use": "sig"}')).toEqual([]);
  });
});
