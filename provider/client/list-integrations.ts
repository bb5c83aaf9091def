import { integrationPath } from "./integration-path";
import { invalidAnswer, parseAnswer } from "./parse-answer";
import { integrationPageSchema, serverIntegrationSchema } from "./schemas";
import { sendRequest, type Transport } from "./send-request";
import { toServerIntegration } from "./to-server-integration";
import type { GroupListing, ServerIntegration } from "./types";

/** The API's maximum page size: one request covers every real project. */
export const ITEMS_PER_PAGE = 500;
/** A server that never ends its paging is broken; stop instead of looping forever. */
const MAX_PAGES = 100;

/**
 * Everything a project holds, following `pageNum` until the entries seen reach `totalCount` or a page comes back
 * empty (or short, when a server omits totalCount). Types this version does not know are kept apart.
 */
export async function listGroup(t: Transport, groupId: string): Promise<GroupListing> {
  const integrations: ServerIntegration[] = [];
  const unknownTypes: string[] = [];
  let seen = 0;
  for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum++) {
    const path = `${integrationPath(groupId)}?pageNum=${pageNum}&itemsPerPage=${ITEMS_PER_PAGE}`;
    const answer = await sendRequest(t, { method: "GET", path });
    const page = parseAnswer(answer, integrationPageSchema, "a page of integrations");
    for (const [i, entry] of page.results.entries()) {
      const known = toServerIntegration(entry, answer, `results.${i}`); // throws on a malformed entry
      if (known) integrations.push(known);
      else unknownTypes.push(serverIntegrationSchema.parse(entry).type);
    }
    seen += page.results.length;
    const done = page.totalCount === undefined ? page.results.length < ITEMS_PER_PAGE : seen >= page.totalCount;
    if (page.results.length === 0 || done) return { integrations, unknownTypes };
    if (pageNum === MAX_PAGES) throw invalidAnswer(answer, `paging did not end after ${MAX_PAGES} pages`);
  }
  return { integrations, unknownTypes };
}
