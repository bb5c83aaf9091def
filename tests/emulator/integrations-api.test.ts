import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY, SECOND_GROUP_ID } from "../../emulator/defaults";
import { useEmulator } from "../helpers/emulator";
import { DigestClient } from "./support/digest-client";
import { assertError, errorBody } from "./support/expect";

const G = DEFAULT_GROUP_ID;
const LIST = `/groups/${G}/integrations`;
const WEBHOOK = { type: "WEBHOOK", url: "https://hooks.example.com/opsmanager/0123456789", secret: "whsec-0123456789" };
const SLACK = { apiToken: "xoxb-000000000000-000000000000-example", teamName: "ops", channelName: "alerts" };

describe("emulator: the integrations API", () => {
  // Partial PUTs below play the default reading (merge), whatever OPSMANAGER_EMULATOR_PUT says; `replace` has its own case.
  const emu = useEmulator({ putSemantics: "merge" });
  let api: DigestClient;
  beforeEach(() => (api = new DigestClient(emu.apiBase, OWNER_KEY)));
  const href = (path: string, pageNum = 1, itemsPerPage = 100) => `${emu.apiBase}${path}?pageNum=${pageNum}&itemsPerPage=${itemsPerPage}`;

  it("POST creates and answers 200 with every integration of the group, secrets masked", async () => {
    await emu.control.seed(G, "SLACK", SLACK);
    const res = await api.send("POST", `${LIST}/WEBHOOK`, WEBHOOK);
    assert.equal(res.status, 200, res.text);
    const [stored] = (await emu.control.raw(G)).filter((i) => i.type === "WEBHOOK");
    const slackId = (await emu.control.raw(G))[0]!.id;
    assert.deepEqual(res.json(), {
      links: [{ href: href(`${LIST}/WEBHOOK`), rel: "self" }],
      results: [
        { apiToken: "******mple", channelName: "alerts", id: slackId, teamName: "ops", type: "SLACK" },
        { id: stored!.id, secret: "******", type: "WEBHOOK", url: "******6789" },
      ],
      totalCount: 2,
    });
    assert.match(stored!.id, /^[0-9a-f]{24}$/);
    assert.deepEqual(stored!.fields, { url: WEBHOOK.url, secret: WEBHOOK.secret });
  });

  it("POST on a configured type is 409 INTEGRATION_ALREADY_CONFIGURED and changes nothing", async () => {
    const seeded = await emu.control.seed(G, "WEBHOOK", { url: WEBHOOK.url });
    const res = await api.send("POST", `${LIST}/WEBHOOK`, WEBHOOK);
    assertError(res, 409, "INTEGRATION_ALREADY_CONFIGURED", "The integration of type 'WEBHOOK' is already configured for this group.", ["WEBHOOK"]);
    assert.deepEqual(await emu.control.raw(G), [seeded]);
  });

  it("GET one answers the bare object with id and type", async () => {
    const seeded = await emu.control.seed(G, "WEBHOOK", { url: WEBHOOK.url, secret: WEBHOOK.secret });
    const res = await api.send("GET", `${LIST}/WEBHOOK`);
    assert.equal(res.status, 200);
    assert.equal(res.text, JSON.stringify({ id: seeded.id, secret: "******", type: "WEBHOOK", url: "******6789" }));
  });

  it("GET of a type not configured is 404 INTEGRATION_NOT_CONFIGURED with Ops Manager's sentence", async () => {
    const res = await api.send("GET", `${LIST}/WEBHOOK`);
    assertError(res, 404, "INTEGRATION_NOT_CONFIGURED", "The integration of type 'WEBHOOK' is not configured for this group.", ["WEBHOOK"]);
  });

  it("PUT merges the sent fields into the stored ones and gives the integration a new id", async () => {
    const before = await emu.control.seed(G, "SLACK", SLACK);
    const res = await api.send("PUT", `${LIST}/SLACK`, { type: "SLACK", teamName: "platform" });
    assert.equal(res.status, 200, res.text);
    const [after] = await emu.control.raw(G);
    assert.deepEqual(after!.fields, { ...SLACK, teamName: "platform" });
    assert.notEqual(after!.id, before.id);
    assert.equal(res.json().results[0].id, after!.id);
    assert.equal(res.json().totalCount, 1);
  });

  it("PUT creates when nothing is configured; by default a null or omitted field keeps its stored value", async () => {
    await emu.control.settings({ nullOnPut: "ignored" }); // the emulator's default, whatever OPSMANAGER_EMULATOR_NULL_ON_PUT says
    assert.equal((await api.send("PUT", `${LIST}/WEBHOOK`, WEBHOOK)).status, 200);
    assert.equal((await api.send("PUT", `${LIST}/WEBHOOK`, { type: "WEBHOOK", url: WEBHOOK.url })).status, 200);
    assert.equal((await api.send("PUT", `${LIST}/WEBHOOK`, { type: "WEBHOOK", secret: null })).status, 200);
    assert.deepEqual((await emu.control.raw(G))[0]!.fields, { url: WEBHOOK.url, secret: WEBHOOK.secret });
  });

  it("with nullOnPut clears, a null removes an optional field and a nulled required field is MISSING_ATTRIBUTE", async () => {
    await emu.control.settings({ nullOnPut: "clears" });
    assert.equal((await api.send("PUT", `${LIST}/WEBHOOK`, WEBHOOK)).status, 200);
    assert.equal((await api.send("PUT", `${LIST}/WEBHOOK`, { type: "WEBHOOK", secret: null })).status, 200);
    assert.deepEqual((await emu.control.raw(G))[0]!.fields, { url: WEBHOOK.url });
    const res = await api.send("PUT", `${LIST}/WEBHOOK`, { type: "WEBHOOK", url: null });
    assert.equal(res.status, 400);
    assert.equal(res.json().errorCode, "MISSING_ATTRIBUTE");
  });

  it("with putSemantics replace, a PUT stores exactly the fields it is sent (an omitted optional one is gone, a missing required one is MISSING_ATTRIBUTE)", async () => {
    await emu.control.settings({ putSemantics: "replace", nullOnPut: "ignored" });
    assert.equal((await api.send("PUT", `${LIST}/WEBHOOK`, WEBHOOK)).status, 200);
    assert.equal((await api.send("PUT", `${LIST}/WEBHOOK`, { type: "WEBHOOK", url: WEBHOOK.url })).status, 200);
    assert.deepEqual((await emu.control.raw(G))[0]!.fields, { url: WEBHOOK.url });
    const res = await api.send("PUT", `${LIST}/WEBHOOK`, { type: "WEBHOOK", secret: WEBHOOK.secret });
    assertError(res, 400, "MISSING_ATTRIBUTE", "The required attribute url was not specified.", ["url"]);
    assert.equal((await api.send("POST", `${LIST}/DATADOG`, { type: "DATADOG", apiKey: "dd0123456789abcdef0123456789abcd", region: "EU" })).status, 200);
    assert.equal((await api.send("PUT", `${LIST}/DATADOG`, { type: "DATADOG", apiKey: "dd0123456789abcdef0123456789abcd" })).status, 200);
    assert.equal((await api.send("GET", `${LIST}/DATADOG`)).json().region, "US", "a field left out shows its default again");
  });

  it("PUT accepts back what GET showed for defaulted fields (Slack channelName \"\") and merges over them", async () => {
    await api.send("POST", `${LIST}/SLACK`, { type: "SLACK", apiToken: SLACK.apiToken, teamName: "ops" });
    const shown = (await api.send("GET", `${LIST}/SLACK`)).json();
    assert.equal(shown.channelName, "");
    const res = await api.send("PUT", `${LIST}/SLACK`, { type: "SLACK", apiToken: SLACK.apiToken, teamName: "platform", channelName: "" });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual((await emu.control.raw(G))[0]!.fields, { apiToken: SLACK.apiToken, teamName: "platform", channelName: "" });
    const again = await api.send("PUT", `${LIST}/SLACK`, { type: "SLACK", teamName: "ops" });
    assert.equal(again.status, 200, "a stored default does not break later merges");
  });

  it("every write changes the id; reads do not", async () => {
    await api.send("PUT", `${LIST}/WEBHOOK`, WEBHOOK);
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      ids.add((await api.send("GET", `${LIST}/WEBHOOK`)).json().id);
    }
    assert.equal(ids.size, 1);
    await api.send("PUT", `${LIST}/WEBHOOK`, WEBHOOK);
    ids.add((await api.send("GET", `${LIST}/WEBHOOK`)).json().id);
    assert.equal(ids.size, 2);
  });

  it("DELETE answers 204 without a body; a second DELETE is 404 INTEGRATION_NOT_CONFIGURED", async () => {
    await emu.control.seed(G, "WEBHOOK", { url: WEBHOOK.url });
    const res = await api.send("DELETE", `${LIST}/WEBHOOK`);
    assert.equal(res.status, 204);
    assert.equal(res.text, "");
    assert.deepEqual(await emu.control.raw(G), []);
    assertError(await api.send("DELETE", `${LIST}/WEBHOOK`), 404, "INTEGRATION_NOT_CONFIGURED", "The integration of type 'WEBHOOK' is not configured for this group.", ["WEBHOOK"]);
  });

  it("reports server defaults for fields never sent (Datadog region US, Slack channelName '')", async () => {
    await api.send("POST", `${LIST}/DATADOG`, { type: "DATADOG", apiKey: "dd0123456789abcdef0123456789abcd" });
    await api.send("POST", `${LIST}/SLACK`, { type: "SLACK", apiToken: SLACK.apiToken, teamName: "ops" });
    assert.equal((await api.send("GET", `${LIST}/DATADOG`)).json().region, "US");
    assert.equal((await api.send("GET", `${LIST}/SLACK`)).json().channelName, "");
  });

  it("keeps groups apart", async () => {
    await api.send("POST", `${LIST}/WEBHOOK`, WEBHOOK);
    const other = await api.send("GET", `/groups/${SECOND_GROUP_ID}/integrations`);
    assert.deepEqual(other.json().results, []);
  });

  describe("list paging", () => {
    beforeEach(async () => {
      await emu.control.seed(G, "SLACK", SLACK);
      await emu.control.seed(G, "WEBHOOK", { url: WEBHOOK.url });
      await emu.control.seed(G, "PAGER_DUTY", { serviceKey: "a1b2c3d4e5f60718293a4b5c6d7e8f90" });
    });

    const pages = [
      { query: "", types: ["SLACK", "WEBHOOK", "PAGER_DUTY"], links: [["self", 1, 100]] },
      { query: "?itemsPerPage=2", types: ["SLACK", "WEBHOOK"], links: [["self", 1, 2], ["next", 2, 2]] },
      { query: "?pageNum=2&itemsPerPage=2", types: ["PAGER_DUTY"], links: [["self", 2, 2], ["previous", 1, 2]] },
      { query: "?pageNum=2&itemsPerPage=1", types: ["WEBHOOK"], links: [["self", 2, 1], ["next", 3, 1], ["previous", 1, 1]] },
      { query: "?pageNum=9", types: [], links: [["self", 9, 100], ["previous", 8, 100]] },
      { query: "?itemsPerPage=500", types: ["SLACK", "WEBHOOK", "PAGER_DUTY"], links: [["self", 1, 500]] },
    ] as const;
    for (const page of pages) {
      it(`GET ${page.query || "(no query)"} → ${page.types.join(", ") || "nothing"}, totalCount 3, absolute links`, async () => {
        const res = await api.send("GET", `${LIST}${page.query}`);
        assert.equal(res.status, 200, res.text);
        const body = res.json();
        assert.deepEqual(body.results.map((r: { type: string }) => r.type), page.types);
        assert.equal(body.totalCount, 3);
        assert.deepEqual(body.links, page.links.map(([rel, n, per]) => ({ href: href(LIST, n, per), rel })));
      });
    }

    for (const query of ["itemsPerPage=501", "itemsPerPage=0", "itemsPerPage=ten", "pageNum=0", "pageNum=-1"]) {
      it(`refuses ${query} with 400 INVALID_QUERY_PARAMETER naming the parameter`, async () => {
        const name = query.split("=")[0]!;
        assertError(await api.send("GET", `${LIST}?${query}`), 400, "INVALID_QUERY_PARAMETER", `Invalid query parameter ${name} specified.`, [name]);
      });
    }
  });

  describe("pretty and envelope", () => {
    it("pretty=true indents the JSON", async () => {
      await emu.control.seed(G, "WEBHOOK", { url: WEBHOOK.url });
      const res = await api.send("GET", `${LIST}/WEBHOOK?pretty=true`);
      assert.equal(res.text, JSON.stringify(res.json(), null, 2));
      assert.match(res.text, /\n {2}"id"/);
    });

    it("envelope=true: a list is its own envelope and gains status (the docs' wording)", async () => {
      const res = await api.send("GET", `${LIST}?envelope=true`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json(), { links: [{ href: href(LIST), rel: "self" }], results: [], totalCount: 0, status: 200 });
    });

    it("envelope=true wraps a single object as {status, content}", async () => {
      await emu.control.seed(G, "WEBHOOK", { url: WEBHOOK.url });
      const res = await api.send("GET", `${LIST}/WEBHOOK?envelope=true`);
      assert.equal(res.status, 200);
      assert.equal(res.json().status, 200);
      assert.equal(res.json().content.type, "WEBHOOK");
    });

    it("envelope=true wraps an error with its real status", async () => {
      const res = await api.send("GET", `${LIST}/WEBHOOK?envelope=true`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json(), {
        status: 404,
        content: errorBody(404, "INTEGRATION_NOT_CONFIGURED", "The integration of type 'WEBHOOK' is not configured for this group.", ["WEBHOOK"]),
      });
    });

    it("envelope=true turns a 204 DELETE into {status: 204, content: {}}; pretty applies to the envelope", async () => {
      await emu.control.seed(G, "WEBHOOK", { url: WEBHOOK.url });
      const res = await api.send("DELETE", `${LIST}/WEBHOOK?envelope=true&pretty=true`);
      assert.equal(res.status, 200);
      assert.equal(res.text, JSON.stringify({ status: 204, content: {} }, null, 2));
    });

    it("the 401 challenge is never enveloped (it comes before the API)", async () => {
      const res = await api.raw("GET", `/api/public/v1.0${LIST}?envelope=true`);
      assert.equal(res.status, 401);
    });
  });

  it("an unknown API path is 404 RESOURCE_NOT_FOUND (after authentication)", async () => {
    assertError(await api.send("GET", "/nothing/here"), 404, "RESOURCE_NOT_FOUND", "Cannot find resource /api/public/v1.0/nothing/here.", [
      "/api/public/v1.0/nothing/here",
    ]);
  });
});
