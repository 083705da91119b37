/** MPT parameter groups: create, read, update, delete, and their members with display order and visibility. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { assertMptError, mpt, type Roles, seedRoles } from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

describe("MPT parameter groups", () => {
  let t: TestApp;
  let roles: Roles;
  before(async () => {
    t = await buildTestApp();
    roles = await seedRoles(t);
  });

  const made = async (url: string, payload: Json) => {
    const res = await mpt(t, { method: "POST", url, payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Json;
  };
  const parameter = (name: string, extra: Json = {}) =>
    made("/helpdesk/parameters", { name, scope: "Case", type: "SingleLineText", ...extra });
  const group = (name: string, extra: Json = {}) => made("/helpdesk/parameter-groups", { name, ...extra });
  const get = async (url: string, key?: string) => {
    const res = await mpt(t, { method: "GET", url, ...(key ? { key } : {}) });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Json;
  };

  test("a group has name, label, description, statistics and audit; PUT changes them", async () => {
    const g = await group("Billing", { label: "Billing details", description: "For invoices" });
    assert.match(g.id, /^PGR-\d{4}-\d{4}$/);
    assert.deepEqual(
      { ...g, id: undefined, audit: undefined },
      {
        id: undefined,
        revision: 1,
        name: "Billing",
        label: "Billing details",
        description: "For invoices",
        statistics: { parametersCount: 0 },
        audit: undefined,
      },
    );
    assert.deepEqual(await get(`/helpdesk/parameter-groups/${g.id}`), g);
    const put = await mpt(t, {
      method: "PUT",
      url: `/helpdesk/parameter-groups/${g.id}`,
      payload: { ...g, label: "Invoices" },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal((put.json() as Json).label, "Invoices");
    assert.equal((put.json() as Json).revision, 2);
    assert.ok((put.json() as Json).audit.updated.at);
    assertMptError(
      await mpt(t, { method: "PUT", url: `/helpdesk/parameter-groups/${g.id}`, payload: { name: "" } }),
      400,
      ["name"],
    );
    assertMptError(
      await mpt(t, { method: "POST", url: "/helpdesk/parameter-groups", payload: { label: "No name" } }),
      400,
      ["name"],
    );
  });

  test("members join by {id} or {parameter: {id}}, in display order; each form once", async () => {
    const g = await group("Ordered");
    const first = await parameter("Member one");
    const second = await parameter("Member two");
    const base = `/helpdesk/parameter-groups/${g.id}/parameters`;
    const a = await made(base, { id: first.id, displayOrder: 2 });
    assert.deepEqual(
      { ...a, audit: undefined },
      {
        id: first.id,
        group: { id: g.id, name: "Ordered" },
        parameter: {
          id: first.id,
          name: "Member one",
          externalId: "member_one",
          scope: "Case",
          type: "SingleLineText",
        },
        displayOrder: 2,
        revision: 1,
        audit: undefined,
      },
    );
    await made(base, { parameter: { id: second.id, name: "echoed" }, displayOrder: 1 });
    const listed = await get(base);
    assert.deepEqual(
      listed.data.map((m: Json) => m.id),
      [second.id, first.id],
    );
    assert.equal(listed.$meta.pagination.total, 2);
    assert.deepEqual(
      (await get(`${base}?eq(parameter.id,"${first.id}")`)).data.map((m: Json) => m.id),
      [first.id],
    );
    assertMptError(await mpt(t, { method: "POST", url: base, payload: { id: first.id } }), 409, [
      "parameter.id",
    ]);
    assertMptError(await mpt(t, { method: "POST", url: base, payload: { id: "PAR-9999-9999" } }), 400, [
      "parameter.id",
    ]);
    assertMptError(await mpt(t, { method: "POST", url: base, payload: { displayOrder: 1 } }), 400, [
      "parameter.id",
    ]);
    assertMptError(
      await mpt(t, { method: "POST", url: base, payload: { id: first.id, displayOrder: -1 } }),
      400,
      ["displayOrder"],
    );
    assert.equal((await get(`/helpdesk/parameter-groups/${g.id}`)).statistics.parametersCount, 2);
    assert.equal((await get(`/helpdesk/parameters/${first.id}`)).statistics.groupsCount, 1);
  });

  test("a member is read, reordered and removed by its parameter's id; the parameter stays", async () => {
    const g = await group("Changing");
    const p = await parameter("Changing member");
    const url = `/helpdesk/parameter-groups/${g.id}/parameters/${p.id}`;
    await made(`/helpdesk/parameter-groups/${g.id}/parameters`, { id: p.id });
    const one = await get(url);
    assert.equal(one.displayOrder, 0);
    const put = await mpt(t, { method: "PUT", url, payload: { ...one, displayOrder: 5 } });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal((put.json() as Json).displayOrder, 5);
    assert.equal((put.json() as Json).revision, 2);
    assert.ok((put.json() as Json).audit.updated.at);
    assertMptError(await mpt(t, { method: "PUT", url, payload: { displayOrder: "first" } }), 400, [
      "displayOrder",
    ]);
    // While in a group, the parameter is in use.
    assertMptError(await mpt(t, { method: "DELETE", url: `/helpdesk/parameters/${p.id}` }), 409);
    assert.equal((await mpt(t, { method: "DELETE", url })).statusCode, 204);
    assertMptError(await mpt(t, { method: "GET", url }), 404);
    assertMptError(await mpt(t, { method: "DELETE", url }), 404);
    assert.equal((await get(`/helpdesk/parameters/${p.id}`)).statistics.groupsCount, 0);
    assert.equal((await mpt(t, { method: "DELETE", url: `/helpdesk/parameters/${p.id}` })).statusCode, 204);
  });

  test("deleting a group removes its memberships, never the parameters", async () => {
    const g = await group("Doomed");
    const p = await parameter("Survivor");
    await made(`/helpdesk/parameter-groups/${g.id}/parameters`, { id: p.id });
    assert.equal(
      (await mpt(t, { method: "DELETE", url: `/helpdesk/parameter-groups/${g.id}` })).statusCode,
      204,
    );
    assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/parameter-groups/${g.id}` }), 404);
    assertMptError(
      await mpt(t, { method: "GET", url: `/helpdesk/parameter-groups/${g.id}/parameters` }),
      404,
    );
    assert.equal((await get(`/helpdesk/parameters/${p.id}`)).statistics.groupsCount, 0);
  });

  test("RQL lists of groups; malformed and unknown ids are 404", async () => {
    await group("Rql alpha", { label: "A" });
    await group("Rql beta", { label: "B" });
    const names = async (query: string) =>
      (await get(`/helpdesk/parameter-groups?${query}`)).data.map((g: Json) => g.name) as string[];
    assert.deepEqual(await names('ilike(name,"Rql*")&order=-name'), ["Rql beta", "Rql alpha"]);
    assert.deepEqual(await names('and(ilike(name,"Rql*"),eq(label,A))'), ["Rql alpha"]);
    assertMptError(await mpt(t, { method: "GET", url: "/helpdesk/parameter-groups?eq(colour,red)" }), 400, [
      "colour",
    ]);
    for (const url of [
      "/helpdesk/parameter-groups/PGR-9999-9999",
      "/helpdesk/parameter-groups/PAR-0000-0001",
      "/helpdesk/parameter-groups/PGR-1/parameters",
      "/helpdesk/parameter-groups/PGR-9999-9999/parameters/PAR-0000-0001",
    ])
      assertMptError(await mpt(t, { method: "GET", url }), 404);
    const g = await group("Ids");
    assertMptError(
      await mpt(t, { method: "GET", url: `/helpdesk/parameter-groups/${g.id}/parameters/PGR-0000-0001` }),
      404,
    );
  });

  test("client and vendor users read groups and the members they may see, and change nothing", async () => {
    const g = await group("Mixed");
    const shown = await parameter("Shown member");
    const hidden = await parameter("Hidden member", { constraints: { hidden: true } });
    for (const p of [shown, hidden])
      await made(`/helpdesk/parameter-groups/${g.id}/parameters`, { id: p.id });
    for (const key of [roles.keys.client, roles.keys.vendor]) {
      const seen = await get(`/helpdesk/parameter-groups/${g.id}`, key);
      assert.equal(seen.statistics.parametersCount, 1);
      const members = await get(`/helpdesk/parameter-groups/${g.id}/parameters`, key);
      assert.deepEqual(
        members.data.map((m: Json) => m.id),
        [shown.id],
      );
      assertMptError(
        await mpt(t, {
          method: "GET",
          url: `/helpdesk/parameter-groups/${g.id}/parameters/${hidden.id}`,
          key,
        }),
        404,
      );
      const writes: [string, string, Json | undefined][] = [
        ["POST", "/helpdesk/parameter-groups", { name: "Mine" }],
        ["PUT", `/helpdesk/parameter-groups/${g.id}`, { name: "Mine" }],
        ["DELETE", `/helpdesk/parameter-groups/${g.id}`, undefined],
        ["POST", `/helpdesk/parameter-groups/${g.id}/parameters`, { id: shown.id }],
        ["PUT", `/helpdesk/parameter-groups/${g.id}/parameters/${shown.id}`, { displayOrder: 1 }],
        ["DELETE", `/helpdesk/parameter-groups/${g.id}/parameters/${shown.id}`, undefined],
      ];
      for (const [method, url, payload] of writes)
        assertMptError(
          await mpt(t, { method: method as "POST", url, key, ...(payload ? { payload } : {}) }),
          403,
        );
    }
    assert.equal((await get(`/helpdesk/parameter-groups/${g.id}`)).statistics.parametersCount, 2);
  });
});
