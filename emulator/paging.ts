import { DEFAULT_ITEMS_PER_PAGE, MAX_ITEMS_PER_PAGE } from "./defaults";
import { apiError } from "./errors";

/** A validated page request. */
export interface Paging {
  readonly pageNum: number;
  readonly itemsPerPage: number;
}

/** Ops Manager's list envelope. */
export interface ListBody<T> {
  readonly links: readonly { readonly href: string; readonly rel: "self" | "next" | "previous" }[];
  readonly results: readonly T[];
  readonly totalCount: number;
}

/**
 * Reads `pageNum` (1-based, default 1) and `itemsPerPage` (1..500, default 100). A value that is not a whole number
 * in range is refused with 400 INVALID_QUERY_PARAMETER naming the parameter (a code of Ops Manager's error table,
 * https://www.mongodb.com/docs/ops-manager/current/reference/api-error-codes/), rather than clamped: a client asking for
 * 1000 items and silently getting 500 would miss data (see README "Documented choices").
 */
export function parsePaging(query: Record<string, unknown>): Paging {
  const read = (name: "pageNum" | "itemsPerPage", fallback: number, max: number) => {
    const raw = query[name];
    if (raw === undefined) return fallback;
    const n = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > max) throw apiError("INVALID_QUERY_PARAMETER", [name]);
    return n;
  };
  return { pageNum: read("pageNum", 1, Number.MAX_SAFE_INTEGER), itemsPerPage: read("itemsPerPage", DEFAULT_ITEMS_PER_PAGE, MAX_ITEMS_PER_PAGE) };
}

/**
 * One page of `items` with absolute `self`/`next`/`previous` links built on `baseHref` (origin + path, no query),
 * as in the reference response.
 */
export function pageOf<T>(items: readonly T[], paging: Paging, baseHref: string): ListBody<T> {
  const { pageNum, itemsPerPage } = paging;
  const href = (n: number) => `${baseHref}?pageNum=${n}&itemsPerPage=${itemsPerPage}`;
  const links: { href: string; rel: "self" | "next" | "previous" }[] = [{ href: href(pageNum), rel: "self" }];
  if (pageNum * itemsPerPage < items.length) links.push({ href: href(pageNum + 1), rel: "next" });
  if (pageNum > 1) links.push({ href: href(pageNum - 1), rel: "previous" });
  const start = (pageNum - 1) * itemsPerPage;
  return { links, results: items.slice(start, start + itemsPerPage), totalCount: items.length };
}
