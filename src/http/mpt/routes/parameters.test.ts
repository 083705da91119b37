/**
 * MPT parameter definitions: create, read, update, delete, RQL lists, and that they are Casework's custom
 * fields (the native API sees them, and native case fields show as parameters).
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { assertMptError, mpt, type Roles, seedRoles } from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

describe("MPT parameter definitions", () => {
  let t: TestApp;
  let roles: Roles;
  before(async () => {
    t = await buildTestApp();
    roles = await seedRoles(t);
  });

  const create = async (payload: Json) => {
    const res = await mpt(t, { method: "POST", url: "/helpdesk/parameters", payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Json;
  };
  const native = (method: "GET" | "POST" | "PATCH", url: string, payload?: Json) =>
    t.request({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

  test("a parameter has the platform's properties; enums are read in any letter case", async () => {
    const p = await create({
      name: "Order number",
      description: "As on the invoice",
      scope: "case",
      phase: "REQUEST",
      type: "singlelinetext",
      displayOrder: 3,
      constraints: { required: false, readonly: true },
      options: { hintText: "Eight digits", placeholderText: "12345678" },
    });
    assert.match(p.id, /^PAR-\d{4}-\d{4}$/);
    assert.deepEqual(
      { ...p, id: undefined, audit: undefined },
      {
        id: undefined,
        revision: 1,
        name: "Order number",
        description: "As on the invoice",
        externalId: "order_number",
        scope: "Case",
        phase: "Request",
        type: "SingleLineText",
        multiple: false,
        displayOrder: 3,
        status: "Active",
        constraints: { required: false, readonly: true, hidden: false, visibleToReporter: true },
        options: { hintText: "Eight digits", placeholderText: "12345678", choices: [] },
        statistics: { groupsCount: 0, formsCount: 0, casesCount: 0 },
        audit: undefined,
      },
    );
    assert.ok(p.audit.created.at);
    const read = await mpt(t, { method: "GET", url: `/helpdesk/parameters/${p.id}` });
    assert.deepEqual(read.json(), p);
  });

  test("a Case parameter is a case custom field of the native API, and a native case field is a parameter", async () => {
    const p = await create({
      name: "Colour",
      scope: "Case",
      type: "DropDown",
      options: { choices: ["red", { value: "g", label: "Green" }] },
    });
    const field = (await native("GET", `/fields/${Number(p.id.slice(4).replace("-", ""))}`)).json() as Json;
    assert.equal(field.object, "case");
    assert.equal(field.key, "colour");
    assert.equal(field.type, "select");
    assert.deepEqual(field.options, [
      { value: "red", label: "red" },
      { value: "g", label: "Green" },
    ]);
    const made = await native("POST", "/fields", {
      object: "case",
      key: "vip",
      label: "VIP",
      type: "checkbox",
    });
    assert.equal(made.statusCode, 201, made.body);
    const listed = (
      await mpt(t, { method: "GET", url: "/helpdesk/parameters?eq(externalId,vip)" })
    ).json() as Json;
    assert.equal(listed.$meta.pagination.total, 1);
    assert.equal(listed.data[0].type, "Checkbox");
    assert.equal(listed.data[0].name, "VIP");
  });

  test("each parameter type is a Casework field type; Choice and DropDown hold several values when multiple", async () => {
    const expected: [Json, string][] = [
      [{ type: "SingleLineText" }, "text"],
      [{ type: "MultiLineText" }, "textarea"],
      [{ type: "Checkbox" }, "checkbox"],
      [{ type: "Choice", options: { choices: ["a"] } }, "select"],
      [{ type: "Choice", multiple: true, options: { choices: ["a"] } }, "multi_select"],
      [{ type: "DropDown", multiple: true, options: { choices: ["a"] } }, "multi_select"],
      [{ type: "Email" }, "email"],
      [{ type: "Date" }, "date"],
      [{ type: "Heading" }, "heading"],
      [{ type: "DataObject" }, "json"],
    ];
    for (const [index, [body, fieldType]] of expected.entries()) {
      const p = await create({ name: `Typed ${index}`, scope: "Form", ...body });
      assert.equal(p.type, body.type);
      assert.equal(p.multiple, body.multiple ?? false);
      assert.equal(p.scope, "Form");
      const id = Number(p.id.slice(4).replace("-", ""));
      const field = (await native("GET", `/fields/${id}`)).json() as Json;
      assert.equal(field.type, fieldType, body.type);
      assert.equal(field.object, "form");
    }
  });

  test("contact fields and fields of types no parameter has are not parameters", async () => {
    const contact = (
      await native("POST", "/fields", { object: "contact", key: "tier", label: "Tier", type: "text" })
    ).json() as Json;
    const number = (
      await native("POST", "/fields", { object: "case", key: "units", label: "Units", type: "integer" })
    ).json() as Json;
    for (const id of [contact.id, number.id]) {
      const formatted = `PAR-${String(id).padStart(8, "0").slice(0, 4)}-${String(id).padStart(8, "0").slice(4)}`;
      assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/parameters/${formatted}` }), 404);
    }
    const all = (await mpt(t, { method: "GET", url: "/helpdesk/parameters?limit=100" })).json() as Json;
    assert.ok(all.data.every((p: Json) => p.externalId !== "tier" && p.externalId !== "units"));
  });

  test("bad bodies are 400 naming the field, and change nothing", async () => {
    const before = (await mpt(t, { method: "GET", url: "/helpdesk/parameters?limit=0" })).json() as Json;
    const bad = (payload: Json) => mpt(t, { method: "POST", url: "/helpdesk/parameters", payload });
    assertMptError(await bad({ name: "X", scope: "Queue", type: "Checkbox" }), 400, ["scope"]);
    assertMptError(await bad({ name: "X", scope: "Case", type: "Number" }), 400, ["type"]);
    assertMptError(await bad({ scope: "Case", type: "Checkbox" }), 400, ["name"]);
    assertMptError(await bad({ name: "X", scope: "Case", type: "Email", multiple: true }), 400, ["multiple"]);
    assertMptError(await bad({ name: "X", scope: "Case", type: "Choice" }), 400, ["options.choices"]);
    assertMptError(await bad({ name: "X", scope: "Case", type: "Checkbox", externalId: "with-dash" }), 400, [
      "externalId",
    ]);
    assertMptError(
      await bad({ name: "X", scope: "Case", type: "Heading", constraints: { required: true } }),
      400,
      ["constraints.required"],
    );
    assertMptError(
      await bad({ name: "X", scope: "Case", type: "Choice", options: { choices: ["a", "a"] } }),
      400,
      ["options.choices.1.value"],
    );
    assertMptError(await bad({ name: "X", scope: "Case", type: "Checkbox", colour: "red" }), 400);
    const after = (await mpt(t, { method: "GET", url: "/helpdesk/parameters?limit=0" })).json() as Json;
    assert.equal(after.$meta.pagination.total, before.$meta.pagination.total);
  });

  test("an externalId is unique per scope: a second one is 409 naming it", async () => {
    await create({ name: "Ticket ref", scope: "Case", type: "SingleLineText" });
    const again = await mpt(t, {
      method: "POST",
      url: "/helpdesk/parameters",
      payload: { name: "Ticket ref", scope: "Case", type: "SingleLineText" },
    });
    assertMptError(again, 409, ["externalId"]);
    // The same key in the other scope is another field.
    await create({ name: "Ticket ref", scope: "Form", type: "SingleLineText" });
  });

  test("PUT changes settings; scope, externalId and the value type are fixed, Choice and DropDown swap", async () => {
    const p = await create({
      name: "Size",
      scope: "Case",
      type: "DropDown",
      options: { choices: ["s", "m"] },
    });
    const put = (payload: Json) => mpt(t, { method: "PUT", url: `/helpdesk/parameters/${p.id}`, payload });
    const changed = await put({
      ...p,
      name: "T-shirt size",
      type: "choice",
      phase: "Response",
      constraints: { ...p.constraints, hidden: true },
      options: { ...p.options, choices: [...p.options.choices, { value: "l", label: "Large" }] },
      status: "Inactive",
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const body = changed.json() as Json;
    assert.equal(body.name, "T-shirt size");
    assert.equal(body.type, "Choice");
    assert.equal(body.phase, "Response");
    assert.equal(body.status, "Inactive");
    assert.equal(body.constraints.hidden, true);
    assert.deepEqual(body.options.choices.at(-1), { value: "l", label: "Large" });
    assert.equal(body.revision, 2);
    assert.ok(body.audit.updated.at);
    assertMptError(await put({ scope: "Form" }), 400, ["scope"]);
    assertMptError(await put({ externalId: "other" }), 400, ["externalId"]);
    assertMptError(await put({ type: "Email" }), 400, ["type"]);
    assertMptError(await put({ multiple: true }), 400, ["multiple"]);
    assertMptError(await put({ options: { choices: [] } }), 400, ["options.choices"]);
    const unchanged = (await mpt(t, { method: "GET", url: `/helpdesk/parameters/${p.id}` })).json() as Json;
    assert.equal(unchanged.revision, 2);
  });

  test("RQL lists filter and sort on the parameter's words", async () => {
    await create({ name: "Rql one", scope: "Form", phase: "Response", type: "Email", displayOrder: 7 });
    await create({
      name: "Rql two",
      scope: "Form",
      type: "Choice",
      multiple: true,
      options: { choices: ["x"] },
    });
    const list = async (query: string) => {
      const res = await mpt(t, { method: "GET", url: `/helpdesk/parameters?${query}` });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as Json).data.map((p: Json) => p.name) as string[];
    };
    assert.deepEqual(await list('and(ilike(name,"Rql*"),eq(phase,response))'), ["Rql one"]);
    assert.deepEqual(await list('and(ilike(name,"Rql*"),eq(type,Choice))'), ["Rql two"]);
    assert.deepEqual(await list('and(ilike(name,"Rql*"),eq(multiple,true))'), ["Rql two"]);
    assert.deepEqual(await list('and(ilike(name,"Rql*"),eq(scope,Form))&order=-name'), [
      "Rql two",
      "Rql one",
    ]);
    assert.deepEqual(await list('and(ilike(name,"Rql*"),ge(displayOrder,5))'), ["Rql one"]);
    assert.deepEqual(await list("and(eq(type,Choice),eq(type,DropDown))"), []);
    assertMptError(await mpt(t, { method: "GET", url: "/helpdesk/parameters?eq(type,Number)" }), 400, [
      "type",
    ]);
    assertMptError(await mpt(t, { method: "GET", url: "/helpdesk/parameters?eq(key,x)" }), 400, ["key"]);
  });

  test("DELETE removes an unused parameter; one a case holds a value of is 409 and stays", async () => {
    const unused = await create({ name: "Unused", scope: "Case", type: "Checkbox" });
    assert.equal(
      (await mpt(t, { method: "DELETE", url: `/helpdesk/parameters/${unused.id}` })).statusCode,
      204,
    );
    assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/parameters/${unused.id}` }), 404);
    assertMptError(await mpt(t, { method: "DELETE", url: `/helpdesk/parameters/${unused.id}` }), 404);
    const used = await create({ name: "Used", scope: "Case", type: "Checkbox" });
    const opened = await native("POST", "/cases", { title: "Holds a value", customFields: { used: true } });
    assert.equal(opened.statusCode, 201, opened.body);
    const stats = (await mpt(t, { method: "GET", url: `/helpdesk/parameters/${used.id}` })).json() as Json;
    assert.equal(stats.statistics.casesCount, 1);
    assertMptError(await mpt(t, { method: "DELETE", url: `/helpdesk/parameters/${used.id}` }), 409);
    assert.equal((await mpt(t, { method: "GET", url: `/helpdesk/parameters/${used.id}` })).statusCode, 200);
  });

  test("malformed and unknown ids are 404", async () => {
    for (const id of ["PAR-9999-9999", "PAR-0000-0000", "HQU-0000-0001", "1", "PAR-1"])
      assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/parameters/${id}` }), 404);
  });

  test("client and vendor users read visible parameters only and write none", async () => {
    const shown = await create({ name: "Shown", scope: "Case", type: "SingleLineText" });
    const hidden = await create({
      name: "Kept",
      scope: "Case",
      type: "SingleLineText",
      constraints: { hidden: true },
    });
    const internal = await create({
      name: "Not for reporters",
      scope: "Case",
      type: "SingleLineText",
      constraints: { visibleToReporter: false },
    });
    for (const key of [roles.keys.client, roles.keys.vendor]) {
      assert.equal(
        (await mpt(t, { method: "GET", url: `/helpdesk/parameters/${shown.id}`, key })).statusCode,
        200,
      );
      for (const p of [hidden, internal])
        assertMptError(await mpt(t, { method: "GET", url: `/helpdesk/parameters/${p.id}`, key }), 404);
      const list = (
        await mpt(t, { method: "GET", url: "/helpdesk/parameters?limit=100", key })
      ).json() as Json;
      const ids = list.data.map((p: Json) => p.id);
      assert.ok(ids.includes(shown.id) && !ids.includes(hidden.id) && !ids.includes(internal.id));
      assertMptError(
        await mpt(t, {
          method: "POST",
          url: "/helpdesk/parameters",
          key,
          payload: { name: "Mine", scope: "Case", type: "Checkbox" },
        }),
        403,
      );
      assertMptError(
        await mpt(t, {
          method: "PUT",
          url: `/helpdesk/parameters/${shown.id}`,
          key,
          payload: { name: "Mine" },
        }),
        403,
      );
      assertMptError(await mpt(t, { method: "DELETE", url: `/helpdesk/parameters/${shown.id}`, key }), 403);
    }
  });
});
