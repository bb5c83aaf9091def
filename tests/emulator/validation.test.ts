import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { useEmulator } from "../helpers/emulator";
import { DigestClient } from "./support/digest-client";
import { assertError } from "./support/expect";

const LIST = `/groups/${DEFAULT_GROUP_ID}/integrations`;

/** One refused request: what is sent, and the exact error that must come back. */
interface Row {
  readonly case: string;
  readonly method?: "POST" | "PUT";
  readonly type: string;
  readonly body: unknown;
  /** Seeded before the request (a PUT on an existing integration). */
  readonly existing?: Record<string, unknown>;
  readonly expect: [status: number, code: string, detail: string, parameters: unknown[]];
}

const rows: Row[] = [
  { case: "a missing required field", type: "PAGER_DUTY", body: { type: "PAGER_DUTY" }, expect: [400, "MISSING_ATTRIBUTE", "The required attribute serviceKey was not specified.", ["serviceKey"]] },
  { case: "a null required field", type: "PAGER_DUTY", body: { type: "PAGER_DUTY", serviceKey: null }, expect: [400, "MISSING_ATTRIBUTE", "The required attribute serviceKey was not specified.", ["serviceKey"]] },
  { case: "a region outside the enum", type: "DATADOG", body: { type: "DATADOG", apiKey: "k-0123456789", region: "US3" }, expect: [400, "INVALID_ENUM_VALUE", "An invalid enumeration value US3 was specified.", ["US3", "region"]] },
  { case: "an unknown field", type: "WEBHOOK", body: { type: "WEBHOOK", url: "https://h.example/x", colour: "red" }, expect: [400, "INVALID_ATTRIBUTE", "Invalid attribute colour specified.", ["colour"]] },
  { case: "a number for a text field", type: "SLACK", body: { type: "SLACK", apiToken: 12345, teamName: "ops" }, expect: [400, "INVALID_ATTRIBUTE", "Invalid attribute apiToken specified.", ["apiToken"]] },
  { case: "a number for an enum field", type: "OPS_GENIE", body: { type: "OPS_GENIE", apiKey: "og-0123456789", region: 1 }, expect: [400, "INVALID_ATTRIBUTE", "Invalid attribute region specified.", ["region"]] },
  { case: "an empty string", type: "HIP_CHAT", body: { type: "HIP_CHAT", notificationToken: "", roomName: "r" }, expect: [400, "INVALID_ATTRIBUTE", "Invalid attribute notificationToken specified.", ["notificationToken"]] },
  { case: "a relative webhook URL", type: "WEBHOOK", body: { type: "WEBHOOK", url: "/hooks/x" }, expect: [400, "INVALID_ATTRIBUTE", "Invalid attribute url specified.", ["url"]] },
  { case: "an unknown field before a missing one", type: "FLOWDOCK", body: { type: "FLOWDOCK", x: 1 }, expect: [400, "INVALID_ATTRIBUTE", "Invalid attribute x specified.", ["x"]] },
  { case: "a body without type", type: "WEBHOOK", body: { url: "https://h.example/x" }, expect: [400, "MISSING_ATTRIBUTE", "The required attribute type was not specified.", ["type"]] },
  { case: "a body type other than the path type", type: "WEBHOOK", body: { type: "SLACK", url: "https://h.example/x" }, expect: [400, "INTEGRATION_FIELDS_INVALID", 'Invalid integration fields: the body\'s type "SLACK" is not the path\'s type WEBHOOK.', ["type"]] },
  { case: "an unknown path type", type: "TEAMS", body: { type: "TEAMS" }, expect: [400, "INVALID_ENUM_VALUE", "An invalid enumeration value TEAMS was specified.", ["TEAMS"]] },
  { case: "a lower-case path type", type: "webhook", body: { type: "webhook" }, expect: [400, "INVALID_ENUM_VALUE", "An invalid enumeration value webhook was specified.", ["webhook"]] },
  { case: "a body that is not JSON", type: "WEBHOOK", body: "{type: WEBHOOK", expect: [400, "INVALID_JSON", "Received JSON does not match expected format.", []] },
  { case: "a JSON array", type: "WEBHOOK", body: "[]", expect: [400, "INVALID_JSON", "Received JSON does not match expected format.", []] },
  { case: "an empty body", type: "WEBHOOK", body: "", expect: [400, "INVALID_JSON", "Received JSON does not match expected format.", []] },
  { case: "an OM-masked secret sent back", type: "PAGER_DUTY", body: { type: "PAGER_DUTY", serviceKey: "******8f90" }, expect: [400, "INTEGRATION_FIELDS_INVALID", "Invalid integration fields: serviceKey is a masked value; send the secret itself.", ["serviceKey"]] },
  { case: "an Atlas-masked webhook URL sent back", type: "WEBHOOK", body: { type: "WEBHOOK", url: "https://hooks.example.com*********" }, expect: [400, "INTEGRATION_FIELDS_INVALID", "Invalid integration fields: url is a masked value; send the secret itself.", ["url"]] },
  {
    case: "a PUT whose merge with the stored fields is invalid",
    method: "PUT",
    type: "DATADOG",
    existing: { apiKey: "dd0123456789abcdef0123456789abcd" },
    body: { type: "DATADOG", region: "AP1" },
    expect: [400, "INVALID_ENUM_VALUE", "An invalid enumeration value AP1 was specified.", ["AP1", "region"]],
  },
  {
    case: "a masked secret in a PUT over a stored integration",
    method: "PUT",
    type: "VICTOR_OPS",
    existing: { apiKey: "vo-0123456789abcdef" },
    body: { type: "VICTOR_OPS", apiKey: "******cdef" },
    expect: [400, "INTEGRATION_FIELDS_INVALID", "Invalid integration fields: apiKey is a masked value; send the secret itself.", ["apiKey"]],
  },
  { case: "a PUT creating without its required fields", method: "PUT", type: "NEW_RELIC", body: { type: "NEW_RELIC", accountId: "1" }, expect: [400, "MISSING_ATTRIBUTE", "The required attribute licenseKey was not specified.", ["licenseKey"]] },
];

describe("emulator: request validation derived from the registry", () => {
  const emu = useEmulator();

  for (const row of rows) {
    const method = row.method ?? "POST";
    it(`${method} with ${row.case} → ${row.expect[0]} ${row.expect[1]}, nothing stored`, async () => {
      if (row.existing) await emu.control.seed(DEFAULT_GROUP_ID, row.type, row.existing);
      const before = await emu.control.raw(DEFAULT_GROUP_ID);
      const res = await new DigestClient(emu.apiBase, OWNER_KEY).send(method, `${LIST}/${row.type}`, row.body);
      assertError(res, ...row.expect);
      assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), before);
    });
  }

  it("accepts any Content-Type (curl's default form type included) and a sent-back id", async () => {
    const api = new DigestClient(emu.apiBase, OWNER_KEY);
    const body = JSON.stringify({ id: "000000000000000000000000", type: "PAGER_DUTY", serviceKey: "a1b2c3d4e5f6" });
    const res = await api.send("POST", `${LIST}/PAGER_DUTY`, body, { headers: { "content-type": "application/x-www-form-urlencoded" } });
    assert.equal(res.status, 200, res.text);
    assert.notEqual(res.json().results[0].id, "000000000000000000000000");
  });
});
