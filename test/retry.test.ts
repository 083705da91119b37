import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { retryConnecting } from "./retry.ts";

const timeout = () => new Error("Connection terminated due to connection timeout");

describe("retryConnecting", () => {
  test("retries connection failures until the work succeeds", async () => {
    let calls = 0;
    const value = await retryConnecting(
      async () => {
        calls++;
        if (calls < 3) throw timeout();
        return "schema created";
      },
      { pauseMs: 1 },
    );
    assert.equal(value, "schema created");
    assert.equal(calls, 3);
  });

  test("a statement's own error is thrown at once", async () => {
    let calls = 0;
    await assert.rejects(
      retryConnecting(async () => {
        calls++;
        throw new Error('relation "cases" does not exist');
      }),
      /does not exist/,
    );
    assert.equal(calls, 1);
  });

  test("past the deadline the last failure is thrown, saying how often it was tried", async () => {
    await assert.rejects(
      retryConnecting(
        async () => {
          throw timeout();
        },
        { deadlineMs: 30, pauseMs: 5 },
      ),
      /connection timeout \(after \d+ attempts\)/,
    );
  });
});
