import assert from "node:assert/strict";
import { parseCommandLine, UsageError } from "../../../provider/cli/command-line";

const G1 = "5f0000000000000000000001";
const G2 = "5f0000000000000000000002";

describe("export: command line", () => {
  const table: { argv: string[]; expect: Record<string, unknown> }[] = [
    { argv: ["export", "--group", G1], expect: { kind: "export", groups: [G1] } },
    { argv: ["export", "--group", G1, "--group", G2, "--group", G1], expect: { kind: "export", groups: [G1, G2] } },
    { argv: ["export", `--group=${G1}`, "--out", "infra"], expect: { kind: "export", groups: [G1], out: "infra" } },
    {
      argv: ["export", "--group", G1, "--stack-config-namespace", "oncall", "--base-url", "https://om.example.com", "--public-key", "ABCDEFGH"],
      expect: { kind: "export", groups: [G1], configNamespace: "oncall", baseUrl: "https://om.example.com", publicKey: "ABCDEFGH" },
    },
    { argv: ["export", "--group", G2, "--add", "infra"], expect: { kind: "export", groups: [G2], add: "infra" } },
    { argv: ["--help"], expect: { kind: "help" } },
    { argv: ["export", "-h"], expect: { kind: "help" } },
  ];
  for (const row of table) {
    it(`${row.argv.join(" ")} → ${JSON.stringify(row.expect)}`, () => assert.deepEqual(parseCommandLine(row.argv), row.expect));
  }

  const wrong: { argv: string[]; message: RegExp }[] = [
    { argv: [], message: /give a command: export/ },
    { argv: ["import", "--group", G1], message: /unknown command "import"/ },
    { argv: ["export"], message: /at least one project/ },
    { argv: ["export", "--group"], message: /--group needs a value/ },
    { argv: ["export", "--group", "123"], message: /24 hexadecimal characters\), got "123"/ },
    { argv: ["export", "--group", G1, "--out", "a", "--out", "b"], message: /--out may be given once/ },
    { argv: ["export", "--group", G1, "--out", "a", "--add", "b"], message: /either --out .* or --add/ },
    { argv: ["export", "--group", G1, "--stack-config-namespace", "a:b"], message: /no ":"/ },
    { argv: ["export", "--group", G1, "--colour"], message: /unknown option --colour/ },
    { argv: ["export", "--group", G1, G2], message: /no arguments besides options/ },
  ];
  for (const row of wrong) {
    it(`refuses ${row.argv.join(" ") || "(nothing)"}`, () => assert.throws(() => parseCommandLine(row.argv), (e: unknown) => e instanceof UsageError && row.message.test(e.message)));
  }

  const privateKeyFlags = [["--private-key", "s3cr3t-value"], ["--private-key=s3cr3t-value"], ["--privateKey", "s3cr3t-value"], ["--PRIVATE_KEY=s3cr3t-value"]];
  for (const flag of privateKeyFlags) {
    it(`refuses ${flag[0]?.split("=")[0]} without echoing its value, pointing at OPSMANAGER_PRIVATE_KEY`, () => {
      assert.throws(
        () => parseCommandLine(["export", "--group", G1, ...flag]),
        (e: unknown) => e instanceof UsageError && /OPSMANAGER_PRIVATE_KEY/.test(e.message) && !e.message.includes("s3cr3t"),
      );
    });
  }

  it("never echoes a long stray value (it could be a pasted secret)", () => {
    const long = "x".repeat(64);
    assert.throws(() => parseCommandLine(["export", "--group", long]), (e: unknown) => e instanceof UsageError && !e.message.includes(long) && /64-character/.test(e.message));
    assert.throws(() => parseCommandLine(["export", `--unknown=${long}`]), (e: unknown) => e instanceof UsageError && !e.message.includes(long));
  });
});
