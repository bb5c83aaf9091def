import assert from "node:assert/strict";
import { addCommand, connectionCommands, secretCommand, shellWord } from "../../../provider/cli/config-commands";
import { projectFiles, projectName } from "../../../provider/cli/project-files";

describe("export: printed commands and project files", () => {
  const words: [string, string][] = [
    ["https://om.example.com:8443", "https://om.example.com:8443"],
    ["EMULATOROWNER", "EMULATOROWNER"],
    ["/home/me/my ca.pem", "'/home/me/my ca.pem'"],
    ["it's", `'it'\\''s'`],
    ["$HOME", "'$HOME'"],
  ];
  for (const [value, word] of words) it(`quotes ${value} as ${word}`, () => assert.equal(shellWord(value), word));

  it("prints a secret command with a placeholder the shell refuses if pasted unchanged, and what it is for", () => {
    const line = secretCommand({ key: "slackApiToken", placeholder: "<slack-api-token>", groupId: "5f0000000000000000000001", type: "SLACK", field: "apiToken" });
    assert.equal(line, "pulumi config set --secret slackApiToken <slack-api-token>  # SLACK apiToken of project 5f0000000000000000000001");
  });

  const adds: { groups: string[]; dir?: string; options: Parameters<typeof addCommand>[2]; line: string }[] = [
    {
      groups: ["5f00000000000000000000ff"],
      dir: "opsmanager",
      options: {},
      line: "npx pulumi-opsmanager-integrations export --group 5f00000000000000000000ff --add opsmanager",
    },
    {
      groups: ["5f00000000000000000000fe", "5f00000000000000000000ff"],
      dir: "../my program",
      options: { configNamespace: "oncall", baseUrl: "https://om.example.com", publicKey: "ABCDEFGH", clientId: "mdb_sa_id_1" },
      line:
        "npx pulumi-opsmanager-integrations export --group 5f00000000000000000000fe --group 5f00000000000000000000ff --add '../my program' " +
        "--stack-config-namespace oncall --base-url https://om.example.com --public-key ABCDEFGH --client-id mdb_sa_id_1",
    },
    {
      // The program was printed: the folder is a placeholder the shell refuses if pasted unchanged.
      groups: ["5f00000000000000000000ff"],
      options: {},
      line: "npx pulumi-opsmanager-integrations export --group 5f00000000000000000000ff --add <folder-of-the-program>",
    },
  ];
  for (const row of adds) {
    it(`tells how to add ${row.groups.join(", ")} to ${row.dir ?? "a printed program"}, with the flags given`, () => {
      assert.equal(addCommand(row.groups, row.dir, row.options), row.line);
    });
  }

  const connections: { used: Parameters<typeof connectionCommands>[0]; lines: string[] }[] = [
    {
      used: { baseUrl: "https://om.example.com", publicKey: "ABCDEFGH" },
      lines: [
        "pulumi config set opsmanager:baseUrl https://om.example.com",
        "pulumi config set opsmanager:publicKey ABCDEFGH",
        "pulumi config set --secret opsmanager:privateKey <private-key>  # or keep OPSMANAGER_PRIVATE_KEY in the environment",
      ],
    },
    {
      used: { caCert: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", insecureSkipVerify: "false", timeoutSeconds: "60", maxRetries: "5" },
      lines: [
        "pulumi config set opsmanager:caCert <ca-pem-file>",
        "pulumi config set opsmanager:insecureSkipVerify false",
        "pulumi config set opsmanager:timeoutSeconds 60",
        "pulumi config set opsmanager:maxRetries 5",
        "pulumi config set --secret opsmanager:privateKey <private-key>  # or keep OPSMANAGER_PRIVATE_KEY in the environment",
      ],
    },
    {
      used: { baseUrl: "https://cloud.mongodb.com", clientId: "mdb_sa_id_0123456789abcdef01234567" },
      lines: [
        "pulumi config set opsmanager:baseUrl https://cloud.mongodb.com",
        "pulumi config set opsmanager:clientId mdb_sa_id_0123456789abcdef01234567",
        "pulumi config set --secret opsmanager:clientSecret <client-secret>  # or keep OPSMANAGER_CLIENT_SECRET in the environment",
      ],
    },
  ];
  for (const row of connections) {
    it(`repeats the connection ${Object.keys(row.used).join(", ")} as stack config, the private key as a placeholder`, () => {
      assert.deepEqual(connectionCommands(row.used), row.lines);
    });
  }

  const names: [string, string][] = [["infra", "infra"], ["my integrations!", "my-integrations"], ["...", "opsmanager-integrations"], ["opsmanager", "opsmanager-integrations"]];
  for (const [folder, name] of names) it(`names the project of folder "${folder}" ${name}`, () => assert.equal(projectName(folder), name));

  it("a new project depends on this package and Pulumi, and runs index.ts", () => {
    const files = projectFiles("infra", "// program\n", { version: "1.2.3", pulumiRange: "^3.139.0", packageSpec: "file:../om-1.2.3.tgz" });
    assert.deepEqual(Object.keys(files).sort(), ["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
    assert.match(files["Pulumi.yaml"] ?? "", /^name: infra\nruntime: nodejs\n/);
    const pkg = JSON.parse(files["package.json"] ?? "{}");
    assert.deepEqual(pkg.dependencies, { "@pulumi/pulumi": "^3.139.0", "pulumi-opsmanager-integrations": "file:../om-1.2.3.tgz" });
    assert.equal(pkg.main, "index.ts");
    assert.equal(files["index.ts"], "// program\n");
  });
});
