/** What an API handler returns; the route runner sends it (with `pretty`/`envelope` applied). */
export interface ApiResult {
  readonly status: number;
  /** Absent for a body-less answer (204). */
  readonly body?: unknown;
}
