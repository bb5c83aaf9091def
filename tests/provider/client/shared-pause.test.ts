import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../../emulator/defaults";
import { useEmulator } from "../../helpers/emulator";
import { sessionWith } from "../../helpers/session";

/**
 * One pause for the whole client under 429. Many requests at once against the emulator's rate limit
 * (a sliding second per key, 429 RATE_LIMITED with Retry-After): the first wave meets the limit, as nothing told
 * the client about it yet; after that the client waits and paces as one, instead of each request retrying on its
 * own into the limit again (which collects about as many 429s again every second).
 */
describe("client: one pause and pace for all requests under 429 + Retry-After (emulator)", function () {
  this.timeout(60_000);
  const emu = useEmulator();

  it(`60 GETs at once under a 10/s limit: every one succeeds, and only the first wave is refused`, async () => {
    const session = sessionWith(emu.url);
    await session.client.fetchIntegration(DEFAULT_GROUP_ID, "WEBHOOK"); // the digest challenge, out of the count
    await emu.control.settings({ rateLimitPerSecond: 10 });
    await emu.control.clearRequests();
    const got = await Promise.all(Array.from({ length: 60 }, () => session.client.fetchIntegration(DEFAULT_GROUP_ID, "WEBHOOK")));
    await emu.control.settings({ rateLimitPerSecond: 0 });
    const log = await emu.control.requests();
    const refused = log.filter((r) => r.status === 429).length;
    assert.ok(got.every((g) => g === undefined), "the project has no WEBHOOK: every GET says so");
    assert.equal(log.filter((r) => r.status === 404).length, 60, "every GET was answered in the end (none configured)");
    // Retrying each on its own: 50 + 40 + 30 + 20 + 10 = 150 refusals. One shared pause and pace: the first 50.
    assert.ok(refused <= 55, `${refused} of ${log.length} requests were refused`);
  });
});
