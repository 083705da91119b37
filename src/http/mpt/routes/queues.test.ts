/** MPT queues: create, read, update, activate, disable, delete, statistics, and who sees internal queues. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { assertMptError, mpt, type Roles, seedRoles } from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

describe("MPT queues", () => {
  let t: TestApp;
  let roles: Roles;
  before(async () => {
    t = await buildTestApp();
    roles = await seedRoles(t);
  });

  const createQueue = async (payload: Json) => {
    const res = await mpt(t, { method: "POST", url: "/helpdesk/queues", payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Json;
  };
  const openCase = (queue: string, key?: string) =>
    mpt(t, {
      method: "POST",
      url: "/helpdesk/cases",
      payload: { queue: { id: queue }, chat: { lastMessage: { content: "Hello" } } },
      ...(key ? { key } : {}),
    });

  test("a queue has the platform's properties, and PUT changes them", async () => {
    const q = await createQueue({
      name: "Billing",
      shortDescription: "Invoices",
      description: "All about invoices",
    });
    assert.match(q.id, /^HQU-\d{4}-\d{4}$/);
    assert.equal(q.status, "Active");
    assert.equal(q.default, false);
    assert.equal(q.internal, false);
    assert.equal(q.shortDescription, "Invoices");
    assert.match(q.account.id, /^ACC-/);
    assert.deepEqual(q.statistics, { totalCasesCount: 0, openCasesCount: 0 });
    assert.ok(q.audit.created.at);
    const put = await mpt(t, {
      method: "PUT",
      url: `/helpdesk/queues/${q.id}`,
      payload: { ...q, name: "Billing EU" },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal((put.json() as Json).name, "Billing EU");
    assert.equal((put.json() as Json).revision, 2);
    assert.ok((put.json() as Json).audit.updated.at);
  });

  test("a disabled queue takes no new cases; activating it again does", async () => {
    const q = await createQueue({ name: "Seasonal" });
    const disabled = await mpt(t, { method: "POST", url: `/helpdesk/queues/${q.id}/disable` });
    assert.equal((disabled.json() as Json).status, "Disabled");
    assertMptError(await openCase(q.id), 400, ["queue.id"]);
    await mpt(t, { method: "POST", url: `/helpdesk/queues/${q.id}/activate` });
    assert.equal((await openCase(q.id)).statusCode, 201);
    const stats = (await mpt(t, { method: "GET", url: `/helpdesk/queues/${q.id}` })).json() as Json;
    assert.deepEqual(stats.statistics, { totalCasesCount: 1, openCasesCount: 1 });
  });

  test("a queue holding cases is not deleted (409); an empty one is", async () => {
    const full = await createQueue({ name: "Full" });
    assert.equal((await openCase(full.id)).statusCode, 201);
    assertMptError(await mpt(t, { method: "DELETE", url: `/helpdesk/queues/${full.id}` }), 409);
    assert.equal((await mpt(t, { method: "GET", url: `/helpdesk/queues/${full.id}` })).statusCode, 200);
    const empty = await createQueue({ name: "Empty" });
    assert.equal((await mpt(t, { method: "DELETE", url: `/helpdesk/queues/${empty.id}` })).statusCode, 204);
    assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/queues/${empty.id}` }), 404);
    const general = (
      await mpt(t, { method: "GET", url: "/helpdesk/queues?eq(default,true)" })
    ).json() as Json;
    assertMptError(await mpt(t, { method: "DELETE", url: `/helpdesk/queues/${general.data[0].id}` }), 409);
  });

  test("an internal queue is seen only by its owner account (and operations)", async () => {
    const vendorAccount = `ACC-0000-${roles.accounts.vendor.padStart(4, "0")}`;
    const q = await createQueue({ name: "Vendor internal", internal: true, account: { id: vendorAccount } });
    const ops = await createQueue({ name: "Ops internal", internal: true });
    const names = async (key: string) =>
      ((await mpt(t, { method: "GET", url: "/helpdesk/queues?limit=100", key })).json() as Json).data.map(
        (queue: Json) => queue.name,
      );
    assert.ok((await names(roles.keys.vendor)).includes("Vendor internal"));
    assert.ok(!(await names(roles.keys.vendor)).includes("Ops internal"));
    assert.ok(!(await names(roles.keys.client)).includes("Vendor internal"));
    assert.ok((await names(roles.keys.operations)).includes("Vendor internal"));
    assertMptError(
      await mpt(t, { method: "GET", url: `/helpdesk/queues/${q.id}`, key: roles.keys.client }),
      404,
    );
    assertMptError(
      await mpt(t, { method: "GET", url: `/helpdesk/queues/${ops.id}`, key: roles.keys.vendor }),
      404,
    );
  });

  test("queue writes need the admin scope; lists filter and sort with RQL", async () => {
    assertMptError(
      await mpt(t, {
        method: "POST",
        url: "/helpdesk/queues",
        payload: { name: "x" },
        key: roles.keys.client,
      }),
      403,
    );
    await createQueue({ name: "Zulu" });
    const listed = (
      await mpt(t, { method: "GET", url: "/helpdesk/queues?ilike(name,*ul*)&order=-name&limit=1" })
    ).json() as Json;
    assert.equal(listed.data[0].name, "Zulu");
    assert.equal(listed.$meta.pagination.limit, 1);
    assertMptError(await mpt(t, { method: "GET", url: "/helpdesk/queues?eq(colour,red)" }), 400, ["colour"]);
    assertMptError(await mpt(t, { method: "GET", url: "/helpdesk/queues?eq(status,Sleeping)" }), 400, [
      "status",
    ]);
  });
});
