import assert from "node:assert/strict";
import fc from "fast-check";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { check } from "../../provider/check";
import { definitions, findIntegration, integrationTypes } from "../../provider/integrations/registry";
import { useEmulator } from "../helpers/emulator";
import { EngineProject, type ResourceSpec } from "../helpers/engine-project";
import { acceptedInputs, badInputs } from "./support/bad-inputs";

/**
 * Reliability suite 3: bad input never reaches the server. Every invalid input derived from the registry is
 * rejected by `check` with a CheckFailure naming the field; through the real CLI a preview fails naming the
 * fields, with zero HTTP requests; and properties over the schemas show check agrees with them and never throws.
 */
describe("reliability: bad input is refused by check, before any request", function () {
  const cases = badInputs();
  let checked = 0;
  let properties = 0;
  after(() =>
    console.log(
      `      bad input: ${cases.length} invalid inputs rejected by check (${checked} checked), ${properties} property runs`,
    ),
  );

  it(`derives at least 60 invalid inputs from the registry (${cases.length})`, () => {
    assert.ok(cases.length >= 60, `${cases.length}`);
    const types = new Set(cases.map((c) => String(c.inputs.type)));
    for (const t of integrationTypes) assert.ok(types.has(t), `no bad input for ${t}`);
  });

  for (const c of cases) {
    it(`rejects ${c.label}, naming ${c.property}`, () => {
      const result = check(c.inputs);
      checked++;
      const failures = result.failures ?? [];
      assert.ok(failures.length > 0, "accepted");
      // A failure on an integration field may leave `property` empty and name the field in its reason only: the
      // engine prints the value of the property a failure names ("property url value {…} has a problem"), secrets
      // included, so that is how a secret (or a key that may hold one) is reported safely.
      const mayBeUnnamed = !["groupId", "type", "adoptExisting", "secretVersion"].includes(c.property);
      for (const f of failures) {
        if (!(mayBeUnnamed && f.property === ""))
          assert.equal(f.property, c.property, `a failure about another property: ${JSON.stringify(f)}`);
        assert.ok(f.reason.includes(c.property), `the reason does not name ${c.property}: ${f.reason}`);
        assert.ok(f.reason.length < 600, `a ${f.reason.length}-character reason`);
        assert.doesNotMatch(f.reason, /[\p{Cc}]/u, "control characters in the reason");
        for (const s of c.secrets) assert.ok(!f.reason.includes(s), "a secret value echoed in the reason");
      }
    });
  }

  describe("properties (fast-check)", () => {
    for (const def of definitions) {
      it(`${def.type}: any input its schema accepts passes check with no failures`, () => {
        fc.assert(
          fc.property(acceptedInputs(def), (inputs) => {
            properties++;
            const fields = Object.fromEntries(
              Object.keys(def.fields)
                .filter((n) => n in inputs)
                .map((n) => [n, inputs[n]]),
            );
            assert.ok(def.schema.safeParse(fields).success, "the generator made an input the schema refuses");
            assert.deepEqual(check(inputs).failures, []);
          }),
          { numRuns: 150 },
        );
      });
    }

    const fieldNames = [...new Set(definitions.flatMap((d) => Object.keys(d.fields)))];
    const junk = fc.record(
      {
        groupId: fc.oneof(fc.constant(DEFAULT_GROUP_ID), fc.stringMatching(/^[0-9a-f]{24}$/), fc.anything()),
        type: fc.oneof(fc.constantFrom(...integrationTypes), fc.string(), fc.anything()),
        adoptExisting: fc.oneof(fc.boolean(), fc.anything()),
        secretVersion: fc.anything(),
        extra: fc.dictionary(
          fc.oneof(
            fc.constantFrom(...fieldNames, "__proto__", "constructor", "toString", "integrationId", "__provider"),
            fc.string(),
          ),
          fc.oneof(fc.string(), fc.anything(), fc.webUrl()),
        ),
      },
      { requiredKeys: [] },
    );

    it("random junk never throws: check answers with failures, or with none only for input the schemas accept", () => {
      let rejected = 0;
      let accepted = 0;
      fc.assert(
        fc.property(junk, ({ extra, ...common }) => {
          properties++;
          const inputs: Record<string, unknown> = { ...extra, ...common };
          const result = check(inputs);
          assert.ok(Array.isArray(result.failures));
          for (const f of result.failures ?? []) {
            assert.equal(typeof f.property, "string");
            assert.equal(typeof f.reason, "string");
            assert.ok(f.reason.length < 2000);
          }
          if ((result.failures ?? []).length > 0) return void rejected++;
          accepted++;
          const def = findIntegration(inputs.type);
          assert.ok(def, "accepted an unknown type");
          assert.match(String(inputs.groupId), /^[0-9a-fA-F]{24}$/);
          const fields = Object.fromEntries(Object.entries(inputs).filter(([k]) => k in def.fields));
          assert.ok(
            def.schema.safeParse(fields).success,
            `accepted fields the schema refuses: ${JSON.stringify(fields).slice(0, 200)}`,
          );
        }),
        { numRuns: 1500 },
      );
      console.log(`      junk: ${rejected} rejected, ${accepted} accepted (all schema-valid)`);
    });

    it("a failure never echoes the value of a secret field", () => {
      const secretCases = definitions.flatMap((d) => d.secretFields.map((name) => ({ def: d, name })));
      fc.assert(
        fc.property(
          fc.constantFrom(...secretCases),
          fc.string({ minLength: 8, maxLength: 2000 }),
          ({ def, name }, secret) => {
            properties++;
            const bad = `${secret}\n${"s".repeat(1030)}`;
            const result = check({ groupId: DEFAULT_GROUP_ID, type: def.type, ...def.example, [name]: bad });
            assert.ok((result.failures ?? []).length > 0);
            for (const f of result.failures ?? [])
              assert.ok(!f.reason.includes(secret), `reason echoes the secret: ${f.reason}`);
          },
        ),
        { numRuns: 200 },
      );
    });
  });

  describe("through the real CLI", function () {
    this.timeout(120_000);
    const emu = useEmulator({}, { resetEach: false });
    let project: EngineProject;
    before(async () => {
      project = await EngineProject.create("reliability-bad-input", { baseUrl: emu.url, ...OWNER_KEY });
    });
    after(() => project?.dispose());

    /** A representative subset: one per kind of mistake; the valid resource proves nothing is sent for it either. */
    const specs: (ResourceSpec & { expect: RegExp })[] = [
      {
        name: "slack-no-team",
        args: { groupId: DEFAULT_GROUP_ID, type: "SLACK", apiToken: "xoxb-cli-0000-0000" },
        expect: /teamName is required for SLACK/,
      },
      {
        name: "webhook-bad-url",
        args: { groupId: DEFAULT_GROUP_ID, type: "WEBHOOK", url: "not a url at all" },
        expect: /url must be an absolute http:\/\/ or https:\/\/ URL/,
      },
      {
        name: "datadog-mars",
        args: { groupId: DEFAULT_GROUP_ID, type: "DATADOG", apiKey: "dd-cli-0123456789", region: "MARS" },
        expect: /region must be one of US, EU/,
      },
      {
        name: "pagerduty-bad-group",
        args: { groupId: "not-a-project-id", type: "PAGER_DUTY", serviceKey: "pd-cli-0123456789" },
        expect: /groupId must be an Ops Manager project id/,
      },
      {
        name: "misspelt-type",
        args: { groupId: DEFAULT_GROUP_ID, type: "SLAK", apiToken: "x", teamName: "ops" },
        expect: /type "SLAK" is not an integration type/,
      },
      {
        name: "opsgenie-unknown-key",
        args: { groupId: DEFAULT_GROUP_ID, type: "OPS_GENIE", apiKey: "og-cli-0123456789", colour: "blue" },
        expect: /colour is not a field of OPS_GENIE/,
      },
      {
        name: "prometheus-bad-flag",
        args: {
          groupId: DEFAULT_GROUP_ID,
          type: "PROMETHEUS",
          ...findIntegration("PROMETHEUS")?.example,
          enabled: "yes",
        },
        expect: /enabled must be true or false/,
      },
      {
        name: "hipchat-newline",
        args: {
          groupId: DEFAULT_GROUP_ID,
          type: "HIP_CHAT",
          notificationToken: "hc-cli-0123456789",
          roomName: "ops\nroom",
        },
        expect: /roomName must not contain control characters/,
      },
      {
        name: "valid-one",
        args: { groupId: DEFAULT_GROUP_ID, type: "VICTOR_OPS", apiKey: "vo-cli-0123456789" },
        expect: /$^/,
      },
    ];

    const requests = async () => (await emu.control.requests()).length;
    const stored = async () => (await emu.control.raw()).groups.flatMap((g) => g.integrations);

    it("a preview of all of them fails, naming the field of the one the engine checked first, with zero HTTP requests", async () => {
      project.setResources(specs.map(({ expect: _e, ...s }) => s));
      await emu.control.clearRequests();
      const result = await project.attempt(["preview", "--diff"]);
      const text = result.stdout + result.stderr;
      const named = specs.filter((s) => s.expect.test(text)).map((s) => s.name);
      console.log(
        `      CLI preview of ${specs.length} resources (${specs.length - 1} bad): exit ${result.code}, reported ${named.join(", ") || "none"}, ${await requests()} HTTP requests`,
      );
      assert.notEqual(result.code, 0, "the preview succeeded");
      // The engine stops at the first check failure (preview has no --continue-on-error), so one is reported.
      assert.ok(named.length >= 1, `no bad resource reported in:\n${text}`);
      assert.equal(await requests(), 0, "the preview sent requests");
      assert.deepEqual(await stored(), []);
    });

    // One more on its own: a secret field's bad value (the engine prints the value of the property a failure names).
    for (const name of ["webhook-bad-url"]) {
      it(`a preview of ${name} alone fails naming its field, with zero HTTP requests`, async () => {
        const spec = specs.find((s) => s.name === name)!;
        const { expect: _e, ...resource } = spec;
        project.setResources([resource, { name: "valid-one", args: specs.at(-1)!.args }]);
        await emu.control.clearRequests();
        const result = await project.attempt(["preview", "--diff"]);
        const text = result.stdout + result.stderr;
        assert.notEqual(result.code, 0, "the preview succeeded");
        assert.match(text, spec.expect);
        assert.equal(await requests(), 0, "the preview sent requests");
        if (name === "webhook-bad-url")
          assert.ok(!text.includes("not a url at all"), `the secret url's value was printed:\n${text}`);
      });
    }
  });
});
