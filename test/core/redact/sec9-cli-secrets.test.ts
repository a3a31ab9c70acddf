/**
 * Credentials with no keyword beside them (red team rt8 #1–#3): passwords in short command flags,
 * a secret printed on the line after the command that fetches it, credentials passed by position.
 * Secret-shaped values are built at run time.
 */
import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { CUE_SCAN_GROUPED, CUE_SCAN_SOURCE, commandCue } from "../../../lambdas/core/redact/secrets";
import { covers, found } from "./helpers";

const PW = ["Xq9v", "Lm2p", "R7tz"].join("");
const P2 = ["W7kd", "93Lm", "qZ2x"].join("");
/** A hex key of n digits (deterministic). */
function hex(n: number, seed = 11): string {
  let s = seed;
  let out = "";
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out += "0123456789abcdef"[(s >>> 16) % 16];
  }
  return out;
}
const H40 = hex(40);
const H32 = hex(32, 5);
const APP = ["qwer", "tyui", "opas", "dfgh"].join(" ");
const NEW = new Set(["cli-password", "fetched-secret", "positional-credential"]);

function newSpans(text: string): string[] {
  return detect(text)
    .filter((s) => NEW.has(s.detector))
    .map((s) => text.slice(s.start, s.end));
}

describe("passwords in short command flags (rt8 #1)", () => {
  const cases: [string, string][] = [
    [`mysql -h db.internal -u evals -p${PW} -e 'select 1'`, PW],
    [`mysql -uapp -p'${PW}' prod`, PW],
    [`sshpass -p '${PW}' ssh deploy@10.0.0.5 uptime`, PW],
    [`docker login -u ci -p ${PW} registry.example.io`, PW],
    [`az login --service-principal -u app -p ${PW} --tenant t`, PW],
    [`redis-cli -h cache -a ${PW} ping`, PW],
    [`ldapsearch -x -D "cn=admin,dc=acme,dc=com" -w ${PW} -b dc=acme`, PW],
    [`zip -P ${PW} backup.zip data.sql`, PW],
    [`7z a -p${PW} backup.7z data`, PW],
    [`smbclient //fs/share -U jroe%${PW}`, PW],
    [`htpasswd -b .htpasswd admin ${PW}`, PW],
    [`htpasswd -nb admin ${PW}`, PW],
    [`vault login ${"hvs." + PW + PW}`, "hvs." + PW + PW],
    [`wpa_passphrase HomeNet ${PW}`, PW],
    [`openssl enc -aes-256-cbc -k ${PW} -in a -out b`, PW],
    [`echo '${PW}' | sudo -S systemctl restart app`, PW],
    [`echo ${PW} | sudo -S apt update`, PW],
    [`sqlcmd -S db -U sa -P ${PW} -Q "select 1"`, PW],
    [`sqlplus scott/${PW}@orcl`, PW],
    [`wandb login ${H40}`, H40],
    // in tool-call arguments, JSON-escaped
    [JSON.stringify({ cmd: `sshpass -p "${PW}" ssh deploy@db` }), PW],
    [JSON.stringify({ cmd: `redis-cli -h cache -a ${PW} ping` }), PW],
  ];
  for (const [text, value] of cases)
    it(text.replace(value, "<value>").slice(0, 60), () => expect(covers(text, value)).toBe(true));

  it("the value only, not the command", () => {
    expect(newSpans(`mysql -u evals -p${PW} -e 'select 1'`)).toEqual([PW]);
    expect(newSpans(`docker login -u ci -p ${PW} registry.example.io`)).toEqual([PW]);
  });
});

describe("a secret printed after the command that fetches it (rt8 #2)", () => {
  const cases: [string, string][] = [
    [`$ echo $DB_PASSWORD\n${P2}\n$ ls`, P2],
    [`$ printenv DD_API_KEY\n${H32}`, H32],
    [`$ echo $WANDB_API_KEY\n${H40}`, H40],
    [`$ cat ~/.config/wandb/key\n${H40}`, H40],
    [`$ cat /run/secrets/db_password\n${P2}`, P2],
    [`$ vault kv get -field=password secret/prod/db\n${P2}`, P2],
    [`kubectl get secret db -o jsonpath='{.data.password}' | base64 -d\n${P2}`, P2],
    [`$ op read op://Private/db/password\n${P2}`, P2],
    [`>>> os.environ["DB_PASSWORD"]\n'${P2}'`, P2],
  ];
  for (const [text, value] of cases)
    it(text.replace(value, "<value>").slice(0, 60), () => expect(covers(text, value)).toBe(true));
});

describe("credentials with no keyword beside the value (rt8 #3)", () => {
  const cases: [string, string][] = [
    [`r = requests.get(url, auth=("admin", "${P2}"))`, P2],
    [`r = requests.get(url, auth=HTTPBasicAuth('admin', '${P2}'))`, P2],
    [`smtp.login(user, "${P2}")`, P2],
    [`ftp.login('jroe', '${P2}')`, P2],
    [`paramiko.SSHClient().connect(host, 22, "root", "${P2}")`, P2],
    [`conn = DriverManager.getConnection(url, "app", "${P2}");`, P2],
    [`server.login("bot", "${APP}")`, APP],
    [`Gmail app password: "${APP}"`, APP],
    [`the app password is: ${APP}`, APP],
    [`<password>${P2}</password>`, P2],
    [`  <Password>${P2}</Password>`, P2],
    [`<property><name>fs.s3a.secret.key</name><value>${P2}</value></property>`, P2],
    [`$ cat ~/.pgpass\ndb.internal:5432:*:app:${P2}`, P2],
    [`db.internal:5432:prod:app:${PW}\n`, PW],
  ];
  for (const [text, value] of cases)
    it(text.replace(value, "<value>").slice(0, 60), () => expect(covers(text, value)).toBe(true));

  it('`<add key="DbPassword" value="…"/>`: the password is redacted, not the word value=', () => {
    const text = `<add key="DbPassword" value="${P2}" />`;
    expect(found(text)).toEqual(["SECRET:" + P2]);
    expect(found(JSON.stringify({ xml: text }))).toEqual(["SECRET:" + P2]);
  });
  it("a .pgpass line: the password only", () => {
    expect(newSpans(`db.internal:5432:*:app:${P2}`)).toEqual([P2]);
  });
});

describe("ordinary command lines, code and prose keep their words", () => {
  const texts = [
    "mysql -u root -p\nEnter password:",
    "mysql -u root -p -h db prod",
    "docker run -p 8080:80 nginx",
    "I will login and then run ssh -p 2222 deploy@host",
    "the login page uses -p 8080:80 for the port",
    "redis-cli -a $REDIS_PASSWORD ping",
    'sshpass -p "$PW" ssh host',
    "zip -r out.zip dir && 7z x archive.7z",
    "$ echo $HOME\n/home/ubuntu",
    "$ echo $TOKEN_COUNT\n42",
    "$ echo $API_KEY\n\n$ ls",
    "$ cat secrets.py\nimport os",
    "$ printenv PATH\n/usr/bin",
    "$ echo $SECRET_NAME\nprod-db-credentials",
    "$ echo $PASSWORD_FILE\n/run/secrets/pw",
    "$ kubectl get secrets\nNAME   TYPE",
    "r = requests.get(url, auth=(user, password))",
    "requests.get(url, auth=('admin', os.environ['PW']))",
    "smtp.login(user, password)",
    "conn = psycopg2.connect(host, 5432, 'postgres', 'postgres')",
    "conn.connect('localhost', 5432, 'mydb_v2', 'analytics')",
    "<password>${DB_PASSWORD}</password>",
    "<password>changeme</password>",
    "<token>{{ token }}</token>",
    '<input type="password" name="pw" value="" />',
    "10:02:11:up:12 days",
    "localhost:5432:mydb:postgres:postgres",
    "echo hello | sudo -S true",
    "The password prompt said: this test case here",
    "I need to think about whether the key is right. Let me login with the -p flag later.",
    "vault login\nToken (will be hidden):",
    "wandb login --relogin",
    "Use `htpasswd -b file user password` to set it",
    "ldapsearch -x -W -D cn=admin",
  ];
  for (const t of texts) it(JSON.stringify(t).slice(0, 60), () => expect(newSpans(t)).toEqual([]));
});

describe("the shared cue scan with the command cues", () => {
  it("the grouped scan matches what the plain alternation matches, on texts of the command cues", () => {
    const plain = new RegExp(CUE_SCAN_SOURCE, "iy");
    const grouped = new RegExp(CUE_SCAN_GROUPED, "iy");
    const words = [
      ..."login connect sqlplus rabbitmqctl :5432: :*: -p -a -w -k -U -S -b -n -u --user pass key auth cred".split(
        " ",
      ),
      ..." |\t|'|\"|=|-|:|*|5432|x|L|c|s".split("|"),
    ];
    let s = 11;
    const r = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let n = 0; n < 3000; n++) {
      let t = "";
      for (let k = 0; k < 1 + Math.floor(r() * 10); k++) {
        const w = words[Math.floor(r() * words.length)]!;
        t += r() < 0.5 ? w : w.toUpperCase();
      }
      for (let at = 0; at < t.length; at++) {
        plain.lastIndex = at;
        grouped.lastIndex = at;
        expect(grouped.exec(t)?.[0] ?? null).toBe(plain.exec(t)?.[0] ?? null);
      }
    }
  });
  it("a flag cue needs a blank, a quote or = before it: a hyphenated word is none", () => {
    expect(commandCue("a well-known, non-blocking, state-of-the-art design")).toBe(false);
    expect(commandCue("mysql -pX")).toBe(true);
    expect(commandCue("smbclient //fs/share -U jroe%x")).toBe(true);
  });
});
