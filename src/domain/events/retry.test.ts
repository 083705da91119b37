import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_RETRY, nextAttempt, parseRetryAfter } from "./retry.ts";

const start = new Date("2026-01-01T00:00:00Z");
const after = (ms: number) => new Date(start.getTime() + ms);

test("the first retries come within seconds, then the waits grow", () => {
  const waits = [1, 2, 3, 4].map(
    (n) => nextAttempt(DEFAULT_RETRY, n, start, start, 0.5, null)!.getTime() - start.getTime(),
  );
  assert.deepEqual(waits, [5_000, 30_000, 120_000, 600_000]);
});

test("jitter moves a wait by at most a fifth either way", () => {
  assert.equal(nextAttempt(DEFAULT_RETRY, 1, start, start, 0, null)!.getTime() - start.getTime(), 4_000);
  assert.equal(
    nextAttempt(DEFAULT_RETRY, 1, start, start, 0.999_999, null)!.getTime() - start.getTime(),
    6_000,
  );
});

test("Retry-After is honoured when it asks for longer", () => {
  assert.equal(nextAttempt(DEFAULT_RETRY, 1, start, start, 0.5, 90_000)!.getTime() - start.getTime(), 90_000);
  assert.equal(nextAttempt(DEFAULT_RETRY, 3, start, start, 0.5, 1_000)!.getTime() - start.getTime(), 120_000);
  assert.equal(parseRetryAfter("120", start), 120_000);
  assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:01:00 GMT", start), 60_000);
  assert.equal(parseRetryAfter("soon", start), null);
  assert.equal(parseRetryAfter(undefined, start), null);
});

test("past 24 hours of trying, a failure is final", () => {
  assert.ok(nextAttempt(DEFAULT_RETRY, 9, start, after(10 * 3_600_000), 0.5, null));
  assert.equal(nextAttempt(DEFAULT_RETRY, 12, start, after(20 * 3_600_000), 0.5, null), null);
  // The whole schedule: 11 attempts within the 24 hours.
  let attempts = 1;
  let next = nextAttempt(DEFAULT_RETRY, 1, start, start, 0.5, null);
  while (next) {
    attempts++;
    next = nextAttempt(DEFAULT_RETRY, attempts, start, next, 0.5, null);
  }
  assert.equal(attempts, 11);
});
