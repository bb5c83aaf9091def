import assert from "node:assert/strict";
import { createEmulator } from "../../emulator/create-emulator";
import { DEFAULT_GROUP_ID, OWNER_SERVICE_ACCOUNT, READ_ONLY_ROLE, SECOND_GROUP_ID } from "../../emulator/defaults";
import { UNAUTHORIZED_BODY } from "../../emulator/errors";
import { useEmulator } from "../helpers/emulator";

const G = DEFAULT_GROUP_ID;
const FORM = "application/x-www-form-urlencoded";
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
const OWNER_BASIC = basic(OWNER_SERVICE_ACCOUNT.clientId, OWNER_SERVICE_ACCOUNT.clientSecret);

describe("emulator: service accounts (OAuth 2.0 client credentials, Bearer tokens)", () => {
  const emu = useEmulator();
  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${emu.url}/api/oauth${path}`, { method: "POST", headers, body });
  const token = async (auth = OWNER_BASIC) => {
    const res = await post("/token", "grant_type=client_credentials", { Authorization: auth, "Content-Type": FORM });
    assert.equal(res.status, 200);
    return (await res.json()) as { access_token: string; expires_in: number; token_type: string };
  };
  const api = (t: string, path = `/groups/${G}/integrations`, init: RequestInit = {}) =>
    fetch(`${emu.apiBase}${path}`, { ...init, headers: { Authorization: `Bearer ${t}`, "Content-Type": "application/json" } });

  it("issues {access_token, expires_in, token_type: Bearer}, with expires_in from the tokenLifetimeSeconds setting", async () => {
    const first = await token();
    assert.deepEqual(Object.keys(first).sort(), ["access_token", "expires_in", "token_type"]);
    assert.equal(first.token_type, "Bearer");
    assert.equal(first.expires_in, 3600);
    await emu.control.settings({ tokenLifetimeSeconds: 120 });
    assert.equal((await token()).expires_in, 120);
  });

  const refusals = [
    { case: "no credentials", headers: { "Content-Type": FORM }, body: "grant_type=client_credentials", expect: [401, "invalid_client"] },
    { case: "a wrong secret", headers: { Authorization: basic(OWNER_SERVICE_ACCOUNT.clientId, "nope"), "Content-Type": FORM }, body: "grant_type=client_credentials", expect: [401, "invalid_client"] },
    { case: "an unknown client ID", headers: { Authorization: basic("mdb_sa_id_nobody", "x"), "Content-Type": FORM }, body: "grant_type=client_credentials", expect: [401, "invalid_client"] },
    { case: "another grant type", headers: { Authorization: OWNER_BASIC, "Content-Type": FORM }, body: "grant_type=password", expect: [400, "unsupported_grant_type"] },
    { case: "a JSON body", headers: { Authorization: OWNER_BASIC, "Content-Type": "application/json" }, body: '{"grant_type":"client_credentials"}', expect: [400, "invalid_request"] },
  ] as const;
  for (const row of refusals) {
    it(`the token endpoint answers ${row.case} with ${row.expect[0]} ${row.expect[1]}`, async () => {
      const res = await post("/token", row.body, row.headers);
      assert.equal(res.status, row.expect[0]);
      const body = (await res.json()) as { error: string; error_description: string };
      assert.equal(body.error, row.expect[1]);
      assert.equal(typeof body.error_description, "string");
    });
  }

  it("a Bearer token authenticates API requests with the service account's roles", async () => {
    const t = (await token()).access_token;
    const put = await api(t, `/groups/${G}/integrations/WEBHOOK`, { method: "PUT", body: JSON.stringify({ type: "WEBHOOK", url: "https://hooks.example.com/x/0123456789" }) });
    assert.equal(put.status, 200);
    const log = await emu.control.requests();
    assert.equal(log.at(-1)?.publicKey, OWNER_SERVICE_ACCOUNT.clientId);
    await emu.control.addServiceAccount({ clientId: "mdb_sa_id_reader", clientSecret: "mdb_sa_sk_reader", roles: [{ groupId: G, roleName: READ_ONLY_ROLE }] });
    const reader = (await token(basic("mdb_sa_id_reader", "mdb_sa_sk_reader"))).access_token;
    assert.equal((await api(reader)).status, 200);
    const del = await api(reader, `/groups/${G}/integrations/WEBHOOK`, { method: "DELETE" });
    assert.equal(del.status, 401);
    assert.equal(((await del.json()) as { errorCode: string }).errorCode, "USER_UNAUTHORIZED");
    assert.equal((await api(reader, `/groups/${SECOND_GROUP_ID}/integrations`)).status, 401, "not a member of the second group");
  });

  it("an expired token gets Ops Manager's 401 (bearerRefusal om, the default): digest challenge, errorCode-less body", async () => {
    await emu.control.settings({ bearerRefusal: "om" }); // whatever OPSMANAGER_EMULATOR_BEARER_REFUSAL says
    const t = (await token()).access_token;
    assert.equal(await emu.control.expireTokens(), 1);
    const res = await api(t);
    assert.equal(res.status, 401);
    assert.match(res.headers.get("www-authenticate") ?? "", /^Digest /);
    assert.deepEqual(await res.json(), UNAUTHORIZED_BODY);
  });

  it("with bearerRefusal oauth, RFC 6750's Bearer challenge and an invalid_token body", async () => {
    await emu.control.settings({ bearerRefusal: "oauth" });
    const t = (await token()).access_token;
    await emu.control.expireTokens(OWNER_SERVICE_ACCOUNT.clientId);
    const res = await api(t);
    assert.equal(res.status, 401);
    assert.match(res.headers.get("www-authenticate") ?? "", /^Bearer error="invalid_token"/);
    assert.equal(((await res.json()) as { error: string }).error, "invalid_token");
  });

  it("the revoke endpoint revokes the caller's own token only; the control plane revokes any", async () => {
    const mine = (await token()).access_token;
    await emu.control.addServiceAccount({ clientId: "mdb_sa_id_other", clientSecret: "mdb_sa_sk_other", roles: [{ groupId: G, roleName: READ_ONLY_ROLE }] });
    const other = basic("mdb_sa_id_other", "mdb_sa_sk_other");
    assert.equal((await post("/revoke", `token=${mine}&token_type_hint=access_token`, { Authorization: other, "Content-Type": FORM })).status, 200);
    assert.equal((await api(mine)).status, 200, "another account cannot revoke it");
    const revoke = await post("/revoke", `token=${mine}&token_type_hint=access_token`, { Authorization: OWNER_BASIC, "Content-Type": FORM });
    assert.equal(revoke.status, 200);
    assert.equal(await revoke.text(), "");
    assert.equal((await api(mine)).status, 401);
    const next = (await token()).access_token;
    assert.equal(await emu.control.revokeTokens(), 1);
    assert.equal((await api(next)).status, 401);
  });

  it("the control plane lists tokens without their values; reset forgets them and added accounts", async () => {
    const t = (await token()).access_token;
    await emu.control.addServiceAccount({ clientId: "mdb_sa_id_temp", clientSecret: "mdb_sa_sk_temp", roles: [] });
    const listed = await emu.control.tokens();
    assert.equal(listed.length, 1);
    assert.ok(!JSON.stringify(listed).includes(t));
    await emu.control.reset();
    assert.deepEqual(await emu.control.tokens(), []);
    assert.equal((await api(t)).status, 401);
    assert.equal((await post("/token", "grant_type=client_credentials", { Authorization: basic("mdb_sa_id_temp", "mdb_sa_sk_temp"), "Content-Type": FORM })).status, 401);
  });

  it("service accounts come from the options (replacing the default owner), with their roles' groups created", async () => {
    const app = createEmulator({ serviceAccounts: [{ clientId: "mdb_sa_id_cfg", clientSecret: "mdb_sa_sk_cfg", roles: [{ groupId: "aaaaaaaaaaaaaaaaaaaaaaaa", roleName: "GROUP_OWNER" }] }] });
    const ask = (auth: string) =>
      app.inject({ method: "POST", url: "/api/oauth/token", headers: { authorization: auth, "content-type": FORM }, payload: "grant_type=client_credentials" });
    assert.equal((await ask(OWNER_BASIC)).statusCode, 401);
    const got = await ask(basic("mdb_sa_id_cfg", "mdb_sa_sk_cfg"));
    assert.equal(got.statusCode, 200);
    const list = await app.inject({ method: "GET", url: "/api/public/v1.0/groups/aaaaaaaaaaaaaaaaaaaaaaaa/integrations", headers: { authorization: `Bearer ${got.json().access_token}` } });
    assert.equal(list.statusCode, 200);
    await app.close();
  });
});
