import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OUTSIDER_KEY, OWNER_KEY, READ_ONLY_KEY, type KeyPair } from "../../emulator/defaults";
import { useEmulator } from "../helpers/emulator";
import { DigestClient } from "./support/digest-client";
import { assertError } from "./support/expect";

const G = DEFAULT_GROUP_ID;
const BODY = { type: "WEBHOOK", url: "https://hooks.example.com/x/0123456789" };
const WRITES = [
  ["POST", BODY],
  ["PUT", BODY],
  ["DELETE", undefined],
] as const;

describe("emulator: groups, membership and roles", () => {
  const emu = useEmulator();
  const as = (key: KeyPair) => new DigestClient(emu.apiBase, key);

  const groups = [
    { case: "an unknown group", id: "5f00000000000000000000ff", expect: [404, "GROUP_NOT_FOUND", "No group with ID 5f00000000000000000000ff exists.", ["5f00000000000000000000ff"]] },
    { case: "a group id that is not 24 hex digits", id: "not-a-group", expect: [404, "INVALID_GROUP_ID", "An invalid group ID not-a-group was specified.", ["not-a-group"]] },
    { case: "a 23-digit group id", id: "5f000000000000000000001", expect: [404, "INVALID_GROUP_ID", "An invalid group ID 5f000000000000000000001 was specified.", ["5f000000000000000000001"]] },
  ] as const;
  for (const row of groups) {
    for (const path of ["/integrations", "/integrations/WEBHOOK"]) {
      it(`GET ${path} of ${row.case} → ${row.expect[0]} ${row.expect[1]}`, async () => {
        const [status, code, detail, params] = row.expect;
        assertError(await as(OWNER_KEY).send("GET", `/groups/${row.id}${path}`), status, code, detail, [...params]);
      });
    }
  }

  it("a key that is not a member gets 401 NOT_IN_GROUP, without a digest challenge", async () => {
    const res = await as(OUTSIDER_KEY).send("GET", `/groups/${G}/integrations`);
    assertError(res, 401, "NOT_IN_GROUP", "Current user is not in the group, or the group does not exist.", [G]);
    assert.equal(res.headers["www-authenticate"], undefined);
  });

  it("the read-only key may read", async () => {
    await emu.control.seed(G, "WEBHOOK", { url: BODY.url });
    assert.equal((await as(READ_ONLY_KEY).send("GET", `/groups/${G}/integrations`)).status, 200);
    assert.equal((await as(READ_ONLY_KEY).send("GET", `/groups/${G}/integrations/WEBHOOK`)).status, 200);
  });

  for (const [method, body] of WRITES) {
    it(`the read-only key doing ${method} gets 401 USER_UNAUTHORIZED and changes nothing`, async () => {
      await emu.control.seed(G, "WEBHOOK", { url: BODY.url });
      const before = await emu.control.raw(G);
      const res = await as(READ_ONLY_KEY).send(method, `/groups/${G}/integrations/WEBHOOK`, body);
      assertError(res, 401, "USER_UNAUTHORIZED", "Current user is not authorized to perform this action.");
      assert.deepEqual(await emu.control.raw(G), before);
    });
  }

  it("a key added on the control plane works at once, with the role it was given", async () => {
    const key = { publicKey: "NEWKEY", privateKey: "new-private" };
    await emu.control.addKey({ ...key, roles: [{ groupId: G, roleName: "GROUP_OWNER" }] });
    assert.equal((await as(key).send("PUT", `/groups/${G}/integrations/WEBHOOK`, BODY)).status, 200);
    assert.equal(await emu.control.removeKey("NEWKEY"), true);
    assert.equal((await as(key).send("GET", `/groups/${G}/integrations`)).status, 401);
  });
});
