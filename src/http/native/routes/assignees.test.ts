import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertProblem, createCase, getCase, historyOf, me } from "../../../../test/native.ts";
import { buildTestApp } from "../../../../test/setup.ts";

describe("assignees", async () => {
  const t = await buildTestApp();
  const post = async (url: string, payload: object) => {
    const res = await t.request({ method: "POST", url, payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string };
  };
  const { accountId } = await me(t);
  const inactive = await post("/api/v1/users", { accountId, email: "gone@example.com", name: "Gone" });
  const deactivated = await t.request({
    method: "PATCH",
    url: `/api/v1/users/${inactive.id}`,
    payload: { active: false },
  });
  assert.equal(deactivated.statusCode, 200, deactivated.body);
  const client = await post("/api/v1/accounts", { name: "Client Co", type: "client" });
  const other = await post("/api/v1/accounts", { name: "Other Co", type: "client" });
  const clientUser = await post("/api/v1/users", { accountId: client.id, email: "c@client.co", name: "C" });

  test("a deactivated user or a client user who cannot see the case is refused, naming assigneeId", async () => {
    const c = await createCase(t, { title: "Who works it", accountId: other.id });
    const history = await historyOf(t, c.id);
    for (const assigneeId of [inactive.id, clientUser.id]) {
      const patched = await t.request({
        method: "PATCH",
        url: `/api/v1/cases/${c.id}`,
        payload: { assigneeId },
      });
      const problem = assertProblem(patched, 400, "validation_failed", "assigneeId");
      assert.match(problem.detail, assigneeId === inactive.id ? /deactivated/ : /another account/);
      const created = await t.request({
        method: "POST",
        url: "/api/v1/cases",
        payload: { title: "New", accountId: other.id, assigneeId },
      });
      assertProblem(created, 400, "validation_failed", "assigneeId");
    }
    assert.equal((await getCase(t, c.id)).assigneeId, null);
    assert.deepEqual(await historyOf(t, c.id), history);
  });

  test("a client user may be assigned a case of their own account", async () => {
    const c = await createCase(t, { title: "Theirs", accountId: client.id, assigneeId: clientUser.id });
    assert.equal(c.assigneeId, clientUser.id);
    const moved = await t.request({
      method: "PATCH",
      url: `/api/v1/cases/${c.id}`,
      payload: { accountId: other.id, assigneeId: clientUser.id },
    });
    assertProblem(moved, 400, "validation_failed", "assigneeId");
  });
});
