/**
 * Deleting an MPT queue while other requests use it: a case opened in it, a case moved into it, a second
 * delete, a change to it. On PostgreSQL the requests really overlap; each answers its own 2xx or 4xx (never a
 * 5xx), and the outcome is consistent: a queue is deleted only if no case ended up in it.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { mpt } from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

const ROUNDS = 12;

describe("an MPT queue deleted while other requests use it", () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  const createQueue = async (name: string) => {
    const res = await mpt(t, { method: "POST", url: "/helpdesk/queues", payload: { name } });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as Json).id as string;
  };
  const remove = (queue: string) => mpt(t, { method: "DELETE", url: `/helpdesk/queues/${queue}` });
  const exists = async (queue: string) =>
    (await mpt(t, { method: "GET", url: `/helpdesk/queues/${queue}` })).statusCode === 200;
  const noServerError = (res: { statusCode: number; body: string }) =>
    assert.ok(res.statusCode < 500, `${res.statusCode} ${res.body}`);

  test("a case opened in it: either the case is refused and the queue gone, or the case is in and the queue stays", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const queue = await createQueue(`Racing ${round}`);
      const [deleted, opened] = await Promise.all([
        remove(queue),
        mpt(t, {
          method: "POST",
          url: "/helpdesk/cases",
          payload: { queue: { id: queue }, chat: { lastMessage: { content: "Hello" } } },
        }),
      ]);
      noServerError(deleted);
      noServerError(opened);
      if (deleted.statusCode === 204) {
        assert.equal(opened.statusCode, 400, opened.body);
        assert.equal(await exists(queue), false);
      } else {
        assert.equal(deleted.statusCode, 409, deleted.body);
        assert.equal(opened.statusCode, 201, opened.body);
        assert.equal((opened.json() as Json).queue.id, queue);
      }
    }
  });

  test("a case moved into it: the same, for a change of queue", async () => {
    const home = await createQueue("Home");
    for (let round = 0; round < ROUNDS; round++) {
      const created = await mpt(t, {
        method: "POST",
        url: "/helpdesk/cases",
        payload: { queue: { id: home }, chat: { lastMessage: { content: "Move me" } } },
      });
      assert.equal(created.statusCode, 201, created.body);
      const queue = await createQueue(`Target ${round}`);
      const [deleted, moved] = await Promise.all([
        remove(queue),
        mpt(t, {
          method: "PUT",
          url: `/helpdesk/cases/${(created.json() as Json).id}`,
          payload: { queue: { id: queue } },
        }),
      ]);
      noServerError(deleted);
      noServerError(moved);
      if (deleted.statusCode === 204) assert.equal(moved.statusCode, 400, moved.body);
      else {
        assert.equal(deleted.statusCode, 409, deleted.body);
        assert.equal(moved.statusCode, 200, moved.body);
      }
    }
  });

  test("two deletes and a change at once: one delete wins, the others find no queue", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const queue = await createQueue(`Twice ${round}`);
      const answers = await Promise.all([
        remove(queue),
        remove(queue),
        mpt(t, { method: "PUT", url: `/helpdesk/queues/${queue}`, payload: { description: "Late" } }),
        mpt(t, { method: "POST", url: `/helpdesk/queues/${queue}/disable` }),
      ]);
      for (const res of answers) noServerError(res);
      const [first, second] = answers.map((res) => res.statusCode);
      assert.deepEqual([first, second].sort(), [204, 404]);
      for (const res of answers.slice(2)) assert.ok([200, 404].includes(res.statusCode), res.body);
      assert.equal(await exists(queue), false);
    }
  });
});
