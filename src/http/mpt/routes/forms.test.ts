/** MPT forms: fields, parameters, lifecycle (Draft → Published ↔ Unpublished), RQL lists, who sees and writes them. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import {
  assertMptError,
  defineParameter,
  makeForm,
  mpt,
  openCase,
  type Roles,
  seedRoles,
} from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

describe("MPT forms", () => {
  let t: TestApp;
  let roles: Roles;
  let country: string;
  let notes: string;
  let secret: string;
  before(async () => {
    t = await buildTestApp();
    roles = await seedRoles(t);
    country = await defineParameter(t, { name: "Country" });
    notes = await defineParameter(t, { name: "Notes", type: "MultiLineText" });
    secret = await defineParameter(t, { name: "Secret", constraints: { hidden: true } });
  });

  const create = (payload: Json, key?: string) =>
    mpt(t, { method: "POST", url: "/helpdesk/forms", payload, ...(key ? { key } : {}) });
  const action = (id: string, name: string, key?: string) =>
    mpt(t, { method: "POST", url: `/helpdesk/forms/${id}/${name}`, ...(key ? { key } : {}) });

  test("a form has name, description, its parameters in display order, status Draft, revision and audit", async () => {
    const res = await create({
      name: "Onboarding",
      description: "What we need to start",
      parameters: [
        { id: notes, displayOrder: 2 },
        { id: country, displayOrder: 1 },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    const form = res.json() as Json;
    assert.match(form.id, /^FRM-\d{4}-\d{4}$/);
    assert.equal(form.name, "Onboarding");
    assert.equal(form.description, "What we need to start");
    assert.equal(form.status, "Draft");
    assert.equal(form.revision, 1);
    assert.deepEqual(form.parameters, [
      { id: country, name: "Country", displayOrder: 1 },
      { id: notes, name: "Notes", displayOrder: 2 },
    ]);
    assert.ok(form.audit.created.by.id.startsWith("USR-"));
    const got = await mpt(t, { method: "GET", url: `/helpdesk/forms/${form.id}` });
    assert.deepEqual(got.json(), form);
    const unordered = (
      await create({ name: "Listed order", parameters: [{ id: notes }, { id: country }] })
    ).json();
    assert.deepEqual(
      (unordered as Json).parameters.map((p: Json) => [p.id, p.displayOrder]),
      [
        [notes, 0],
        [country, 1],
      ],
    );
  });

  test("publish, unpublish and publish again; any other move is a 409 and changes nothing", async () => {
    const id = (await create({ name: "Lifecycle" })).json().id as string;
    assertMptError(await action(id, "unpublish"), 409);
    const published = await action(id, "publish");
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json().status, "Published");
    assert.equal(published.json().revision, 2);
    assert.ok(published.json().audit.updated.by.id.startsWith("USR-"));
    assertMptError(await action(id, "publish"), 409);
    assert.equal((await action(id, "unpublish")).json().status, "Unpublished");
    assertMptError(await action(id, "unpublish"), 409);
    const again = await action(id, "publish");
    assert.equal(again.json().status, "Published");
    assert.equal(again.json().revision, 4);
  });

  test("PUT changes name, description and parameters; a published form keeps its parameters", async () => {
    const form = (await create({ name: "Editable", parameters: [{ id: country }] })).json() as Json;
    const url = `/helpdesk/forms/${form.id}`;
    const put = await mpt(t, {
      method: "PUT",
      url,
      payload: { ...form, name: "Edited", status: "Published", parameters: [{ id: notes }, { id: country }] },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().name, "Edited");
    assert.equal(put.json().status, "Draft");
    assert.deepEqual(
      put.json().parameters.map((p: Json) => p.id),
      [notes, country],
    );
    assert.equal(put.json().revision, 2);
    const same = await mpt(t, { method: "PUT", url, payload: put.json() });
    assert.equal(same.json().revision, 2);
    await action(form.id, "publish");
    const renamed = await mpt(t, { method: "PUT", url, payload: { description: "Now live" } });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().description, "Now live");
    assertMptError(await mpt(t, { method: "PUT", url, payload: { parameters: [{ id: country }] } }), 409, [
      "parameters",
    ]);
    assert.equal((await mpt(t, { method: "GET", url })).json().parameters.length, 2);
  });

  test("bad input names the field and stores nothing", async () => {
    const before = (await mpt(t, { method: "GET", url: "/helpdesk/forms?limit=0" })).json().$meta.pagination
      .total;
    assertMptError(await create({ name: "" }), 400, ["name"]);
    assertMptError(await create({ description: "No name" }), 400);
    assertMptError(await create({ name: "   " }), 400, ["name"]);
    assertMptError(await create({ name: "Unknown", parameters: [{ id: "PAR-9999-9999" }] }), 400, [
      "parameters.0",
    ]);
    assertMptError(await create({ name: "Malformed", parameters: [{ id: "CAS-1" }] }), 400, ["parameters.0"]);
    assertMptError(await create({ name: "Twice", parameters: [{ id: country }, { id: country }] }), 400, [
      "parameters.1",
    ]);
    assertMptError(await create({ name: "Extra", colour: "red" }), 400);
    const caseScope = await defineParameter(t, { name: "On cases", scope: "Case" });
    const refused = assertMptError(
      await create({ name: "Case scope", parameters: [{ id: caseScope }] }),
      400,
      ["parameters.0"],
    );
    assert.deepEqual(refused.errors?.["parameters.0"], ["is not a Form parameter"]);
    assert.equal(
      (await mpt(t, { method: "GET", url: "/helpdesk/forms?limit=0" })).json().$meta.pagination.total,
      before,
    );
  });

  test("DELETE removes a draft or unpublished form; a published one or one with answers is a 409", async () => {
    const draft = (await create({ name: "Throwaway" })).json().id as string;
    assert.equal((await mpt(t, { method: "DELETE", url: `/helpdesk/forms/${draft}` })).statusCode, 204);
    assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/forms/${draft}` }), 404);
    const live = await makeForm(t, [country]);
    assertMptError(await mpt(t, { method: "DELETE", url: `/helpdesk/forms/${live}` }), 409);
    const chat = (await openCase(t)).chat.id;
    const answered = await mpt(t, {
      method: "POST",
      url: `/helpdesk/chats/${chat}/answers`,
      payload: { name: "Filled", form: { id: live } },
    });
    assert.equal(answered.statusCode, 201, answered.body);
    await action(live, "unpublish");
    assertMptError(await mpt(t, { method: "DELETE", url: `/helpdesk/forms/${live}` }), 409);
    assert.equal((await mpt(t, { method: "GET", url: `/helpdesk/forms/${live}` })).statusCode, 200);
  });

  test("lists filter and sort with RQL; unknown and malformed ids are 404", async () => {
    const a = (await create({ name: "Zeta survey" })).json().id as string;
    const b = await makeForm(t, []);
    const listed = (
      await mpt(t, { method: "GET", url: `/helpdesk/forms?in(id,(${a},${b}))&order=-name` })
    ).json() as Json;
    assert.deepEqual(
      listed.data.map((f: Json) => f.id),
      [a, b],
    );
    const published = (
      await mpt(t, { method: "GET", url: `/helpdesk/forms?and(eq(status,published),eq(id,${b}))` })
    ).json() as Json;
    assert.deepEqual(
      published.data.map((f: Json) => f.id),
      [b],
    );
    const zeta = (await mpt(t, { method: "GET", url: '/helpdesk/forms?ilike(name,"zeta*")' })).json() as Json;
    assert.ok(zeta.data.some((f: Json) => f.id === a));
    assertMptError(await mpt(t, { method: "GET", url: "/helpdesk/forms?eq(status,Live)" }), 400, ["status"]);
    for (const id of ["FRM-9999-9999", "FRM-1", a.replace("FRM", "HQU")])
      assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/forms/${id}` }), 404);
  });

  test("client and vendor users read published forms only, without hidden parameters, and write none", async () => {
    const draft = (await create({ name: "Not yet", parameters: [{ id: country }] })).json().id as string;
    const live = await makeForm(t, [country, secret]);
    const asOps = (await mpt(t, { method: "GET", url: `/helpdesk/forms/${live}` })).json() as Json;
    assert.deepEqual(
      asOps.parameters.map((p: Json) => p.id),
      [country, secret],
    );
    for (const key of [roles.keys.client, roles.keys.vendor]) {
      const read = await mpt(t, { method: "GET", url: `/helpdesk/forms/${live}`, key });
      assert.equal(read.statusCode, 200, read.body);
      assert.deepEqual(
        read.json().parameters.map((p: Json) => p.id),
        [country],
      );
      assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/forms/${draft}`, key }), 404);
      const list = (await mpt(t, { method: "GET", url: "/helpdesk/forms?limit=100", key })).json() as Json;
      assert.ok(list.data.length > 0);
      assert.ok(list.data.every((f: Json) => f.status === "Published"));
      assertMptError(await create({ name: "Mine" }, key), 403);
      assertMptError(await action(live, "unpublish", key), 403);
      assertMptError(
        await mpt(t, { method: "PUT", url: `/helpdesk/forms/${live}`, payload: { name: "X" }, key }),
        403,
      );
    }
  });

  test("a parameter counts the forms that hold it, and is not deleted while one does", async () => {
    const counted = await defineParameter(t, { name: "Counted" });
    const read = async () =>
      ((await mpt(t, { method: "GET", url: `/helpdesk/parameters/${counted}` })).json() as Json).statistics;
    assert.equal((await read()).formsCount, 0);
    const one = (await create({ name: "One", parameters: [{ id: counted }] })).json().id as string;
    await create({ name: "Two", parameters: [{ id: counted }, { id: country }] });
    assert.equal((await read()).formsCount, 2);
    assertMptError(await mpt(t, { method: "DELETE", url: `/helpdesk/parameters/${counted}` }), 409);
    await mpt(t, { method: "PUT", url: `/helpdesk/forms/${one}`, payload: { parameters: [] } });
    assert.equal((await read()).formsCount, 1);
  });
});
