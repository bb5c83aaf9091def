import assert from "node:assert/strict";
import { STATUS_CODES } from "node:http";
import type { TestResponse } from "./http";

/** Ops Manager's error body, in its key order. */
export function errorBody(status: number, errorCode: string, detail: string, parameters: unknown[] = []) {
  return { detail, error: status, errorCode, parameters, reason: STATUS_CODES[status] };
}

/** Asserts the exact status and the exact error body (key order included, via the raw text). */
export function assertError(res: TestResponse, status: number, errorCode: string, detail: string, parameters: unknown[] = []): void {
  assert.equal(res.status, status, res.text);
  assert.equal(res.text, JSON.stringify(errorBody(status, errorCode, detail, parameters)));
}
