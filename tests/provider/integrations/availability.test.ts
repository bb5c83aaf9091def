import assert from "node:assert/strict";
import { accepts, availabilityWarning, bodyOnlyFor } from "../../../provider/integrations/availability";
import { definitions, findIntegration } from "../../../provider/integrations/registry";

const teams = findIntegration("MICROSOFT_TEAMS")!;
const prometheus = findIntegration("PROMETHEUS")!;
const flowdock = findIntegration("FLOWDOCK")!;

describe("availability: type lists, body-only entries and the preview warning", () => {
  it("every body-only entry links two pages: the body's and the type list's", () => {
    for (const def of definitions) {
      for (const d of def.documented.filter((e) => e.bodyOnly)) {
        assert.match(d.url, /^https:\/\//, def.type);
        assert.match(d.bodyOnly!.typeListUrl, /^https:\/\/www\.mongodb\.com\/docs\//, def.type);
        assert.notEqual(d.url, d.bodyOnly!.typeListUrl, def.type);
      }
    }
  });

  it("a body-only entry is not in the type list: PROMETHEUS on Ops Manager 7.0, MICROSOFT_TEAMS on both products", () => {
    const om7 = { product: "ops-manager", version: "7.0" } as const;
    assert.equal(accepts(prometheus.documented, om7), false);
    assert.ok(bodyOnlyFor(prometheus.documented, om7));
    assert.equal(bodyOnlyFor(prometheus.documented, { product: "ops-manager", version: "5.0" }), undefined, "the tutorial: Ops Manager 6.0.7");
    assert.ok(bodyOnlyFor(teams.documented, { product: "cloud-manager" }));
    assert.ok(bodyOnlyFor(teams.documented, om7));
    assert.equal(accepts(prometheus.documented, { product: "cloud-manager" }), true);
  });

  it("the warning names both pages for a body-only type, the documented availability otherwise, and nothing for a listed type", () => {
    const om7 = { product: "ops-manager", version: "7.0" } as const;
    const body = availabilityWarning("PROMETHEUS", prometheus.documented, om7)!;
    assert.match(body, /^PROMETHEUS on Ops Manager 7\.0: the request body is documented \(https:\/\/github\.com\/mongodb\/docs\/.*\) but the \{INTEGRATION-TYPE\} list leaves PROMETHEUS out \(https:\/\/www\.mongodb\.com\/docs\/ops-manager\/current\//);
    assert.match(availabilityWarning("FLOWDOCK", flowdock.documented, om7)!, /^FLOWDOCK is not in Ops Manager 7\.0's documented types \(documented for Ops Manager up to 5\.0 \(https:\/\/www\.mongodb\.com\/docs\/ops-manager\/v5\.0\//);
    assert.equal(availabilityWarning("FLOWDOCK", flowdock.documented, { product: "ops-manager", version: "5.0" }), undefined);
  });
});
