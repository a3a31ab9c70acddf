/**
 * The review's own check of credentials with no keyword beside them (red team rt8 #1–#3): a
 * password given to a command by a short flag or by position, a secret printed on the line after
 * the command that fetches it, a password passed by position. Values are built at run time.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review/index";
import { SCREEN_COMMAND, SCREEN_KEYWORD, screenCommands } from "../../../lambdas/core/review/commands";
import { PUBLIC_MESSAGE } from "../../../lambdas/core/review/public";
import { REASON_SEVERITY } from "../../../lambdas/core/review/reasons";
import { B62, body, randomToken } from "./helpers";

const PW = randomToken(B62, 12, 3);
const HEX = (n: number) => randomToken("0123456789abcdef", n, 9);
const H40 = HEX(40);
const H32 = HEX(32);
const APP = ["qwer", "tyui", "opas", "dfgh"].join(" ");

function result(t: string, type: "tool_result" | "tool_call" = "tool_result") {
  const part =
    type === "tool_result"
      ? { type, id: "c1", text: t }
      : { type, id: "c1", name: "bash", arguments: JSON.stringify({ cmd: t }) };
  return review({ body: body([{ role: "tool", parts: [part as never] }]) });
}
function codes(t: string, type?: "tool_result" | "tool_call"): string[] {
  return result(t, type).reasons.map((r) => r.code);
}

describe("a credential given to a command (command_credential, BLOCK)", () => {
  const lines = [
    `mysql -h db.internal -u evals -p${PW} -e 'select 1'`,
    `mysql -uapp -p'${PW}' prod`,
    `sshpass -p '${PW}' ssh deploy@10.0.0.5 uptime`,
    `docker login -u ci -p ${PW} registry.example.io`,
    `az login --service-principal -u app -p ${PW} --tenant t`,
    `redis-cli -h cache -a ${PW} ping`,
    `ldapsearch -x -D "cn=admin,dc=acme,dc=com" -w ${PW} -b dc=acme`,
    `zip -P ${PW} backup.zip data.sql`,
    `7z a -p${PW} backup.7z data`,
    `smbclient //fs/share -U jroe%${PW}`,
    `htpasswd -b .htpasswd admin ${PW}`,
    `vault login ${"hvs." + PW + PW}`,
    `wandb login ${H40}`,
    `wpa_passphrase HomeNet ${PW}`,
    `openssl enc -aes-256-cbc -k ${PW} -in a -out b`,
    `echo '${PW}' | sudo -S systemctl restart app`,
    `sqlcmd -S db -U sa -P ${PW} -Q "select 1"`,
    `sqlplus scott/${PW}@orcl`,
    `nmcli dev wifi connect HomeNet password ${PW}`,
  ];
  for (const l of lines) {
    it(l.replace(PW, "<pw>").replace(H40, "<hex>").slice(0, 60), () => {
      expect(codes("$ " + l + "\nok")).toContain("command_credential");
      // and in tool-call arguments (JSON-escaped)
      expect(codes(l, "tool_call")).toContain("command_credential");
      expect(result(l, "tool_call").verdict).toBe("BLOCK");
    });
  }
  const printed: [string, string][] = [
    ["$ echo $DB_PASSWORD", PW],
    ["$ printenv DD_API_KEY", H32],
    ["$ cat ~/.config/wandb/key", H40],
    ["$ cat /run/secrets/db_password", PW],
    ["$ vault kv get -field=password secret/prod/db", PW],
    ["kubectl get secret db -o jsonpath='{.data.password}' | base64 -d", PW],
    ["$ op read op://Private/db/password", PW],
    ['>>> os.environ["DB_PASSWORD"]', `'${PW}'`],
  ];
  for (const [cmd, v] of printed)
    it(`printed after ${cmd}`, () => {
      expect(codes(`${cmd}\n${v}\n$ ls`)).toContain("command_credential");
    });
});

describe("a credential passed without its keyword (positional_credential, BLOCK)", () => {
  const texts = [
    `r = requests.get(url, auth=("admin", "${PW}"))`,
    `r = requests.get(url, auth=HTTPBasicAuth('admin', '${PW}'))`,
    `smtp.login(user, "${PW}")`,
    `ftp.login('jroe', '${PW}')`,
    `paramiko.SSHClient().connect(host, 22, "root", "${PW}")`,
    `conn = DriverManager.getConnection(url, "app", "${PW}");`,
    `server.login("bot", "${APP}")`,
    `the app password is: ${APP}`,
    `<password>${PW}</password>`,
    `<property><name>fs.s3a.secret.key</name><value>${PW}</value></property>`,
    `<add key="DbPassword" value="${PW}" />`,
    `$ cat ~/.pgpass\ndb.internal:5432:*:app:${PW}`,
  ];
  for (const t of texts)
    it(t.replace(PW, "<pw>").slice(0, 60), () => {
      expect(codes(t)).toContain("positional_credential");
      expect(result(t).verdict).toBe("BLOCK");
    });
});

describe("codes are listed with a public sentence", () => {
  it("both block and have a fixed public sentence", () => {
    expect(REASON_SEVERITY.command_credential).toBe("BLOCK");
    expect(REASON_SEVERITY.positional_credential).toBe("BLOCK");
    expect(PUBLIC_MESSAGE.command_credential).toBeTruthy();
    expect(PUBLIC_MESSAGE.positional_credential).toBeTruthy();
  });
});

describe("ordinary commands, code, prose and the redacted forms pass", () => {
  const texts = [
    "mysql -u root -p\nEnter password:",
    "mysql -u root -p -h db prod",
    "docker run -p 8080:80 nginx",
    "I will login and then run ssh -p 2222 deploy@host",
    "redis-cli -a $REDIS_PASSWORD ping",
    'sshpass -p "$PW" ssh host',
    "$ echo $HOME\n/home/ubuntu",
    "$ echo $TOKEN_COUNT\n42",
    "$ cat secrets.py\nimport os",
    "$ echo $SECRET_NAME\nprod-db-credentials",
    "$ kubectl get secrets\nNAME   TYPE",
    "r = requests.get(url, auth=(user, password))",
    "smtp.login(user, password)",
    "conn = psycopg2.connect(host, 5432, 'postgres', 'postgres')",
    "<password>${DB_PASSWORD}</password>",
    "<password>changeme</password>",
    "localhost:5432:mydb:postgres:postgres",
    "echo hello | sudo -S true",
    "The password prompt said: this test case here",
    "vault login\nToken (will be hidden):",
    "wandb login --relogin",
    // the published forms, placeholders in place of the values
    "$ mysql -u evals -p⟦SECRET_1⟧ -e 'select 1'",
    "$ docker login -u ci -p ⟦SECRET_1⟧ registry.example.io",
    "$ echo $DB_PASSWORD\n⟦SECRET_1⟧",
    'r = requests.get(url, auth=("admin", "⟦SECRET_2⟧"))',
    "<password>⟦SECRET_1⟧</password>",
    '<add key="DbPassword" value="⟦SECRET_1⟧" />',
    "db.internal:5432:*:app:⟦SECRET_1⟧",
  ];
  for (const t of texts)
    it(JSON.stringify(t).slice(0, 60), () => {
      const c = codes(t);
      expect(c).not.toContain("command_credential");
      expect(c).not.toContain("positional_credential");
    });
});

describe("the screen of commands.ts", () => {
  it("finds its literals in any case, next to text outside ASCII", () => {
    expect(screenCommands("ordinary prose, nothing here")).toBe(0);
    expect(screenCommands("日本語のテキスト mysql -pX")).toBe(SCREEN_COMMAND);
    expect(screenCommands("Ünïcödé SECRET")).toBe(SCREEN_KEYWORD);
    expect(screenCommands("a well-known state-of-the-art design")).toBe(0);
  });
  it("a command in a text holding other scripts is still flagged", () => {
    expect(codes(`日本語 — $ sshpass -p '${PW}' ssh host`)).toContain("command_credential");
  });
});
