/**
 * A case's `parameters`: its custom field values through the Case parameter definitions, written with case
 * POST and PUT, validated against the definitions, and redacted per role.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { assertMptError, mpt, openCase, type Roles, seedRoles } from "../../../../test/mpt.ts";
import { buildTestApp, type TestApp } from "../../../../test/setup.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, each assertion checks its own shape
type Json = Record<string, any>;

describe("MPT case parameters", () => {
  let t: TestApp;
  let roles: Roles;
  let opsWriter: string;
  const p: Record<string, Json> = {};
  before(async () => {
    t = await buildTestApp();
    roles = await seedRoles(t);
    const key = await t.request({
      method: "POST",
      url: "/api/v1/keys",
      payload: { name: "ops writer", scopes: ["cases:read", "cases:write"] },
    });
    opsWriter = (key.json() as Json).key;
    const define = async (name: string, body: Json) => {
      const res = await mpt(t, {
        method: "POST",
        url: "/helpdesk/parameters",
        payload: { scope: "Case", name, ...body },
      });
      assert.equal(res.statusCode, 201, res.body);
      p[name] = res.json() as Json;
    };
    await define("Order", { type: "SingleLineText", displayOrder: 2 });
    await define("Colour", {
      type: "DropDown",
      displayOrder: 1,
      options: {
        choices: [
          { value: "r", label: "Red" },
          { value: "g", label: "Green" },
        ],
      },
    });
    await define("Tags", {
      displayOrder: 3,
      type: "Choice",
      multiple: true,
      options: {
        choices: [
          { value: "a", label: "Alpha" },
          { value: "b", label: "Beta" },
        ],
      },
    });
    await define("Urgent", {
      displayOrder: 4,
      type: "Checkbox",
      phase: "Response",
    });
    await define("Contact", {
      displayOrder: 5,
      type: "Email",
    });
    await define("Locked", {
      displayOrder: 6,
      type: "SingleLineText",
      constraints: { readonly: true },
    });
    await define("Secret", {
      displayOrder: 7,
      type: "SingleLineText",
      constraints: { hidden: true },
    });
    await define("Internal", {
      displayOrder: 8,
      type: "SingleLineText",
      constraints: { visibleToReporter: false },
    });
    await define("Form only", { type: "SingleLineText", scope: "Form" });
  });

  const value = (name: string, v: unknown) => ({ parameter: { id: p[name]!.id }, value: v });
  const create = (parameters: Json[], key?: string) =>
    mpt(t, {
      method: "POST",
      url: "/helpdesk/cases",
      payload: { chat: { lastMessage: { content: "With parameters" } }, parameters },
      ...(key ? { key } : {}),
    });
  const put = (id: string, payload: Json, key?: string) =>
    mpt(t, { method: "PUT", url: `/helpdesk/cases/${id}`, payload, ...(key ? { key } : {}) });
  const read = async (id: string, key?: string) =>
    (await mpt(t, { method: "GET", url: `/helpdesk/cases/${id}`, ...(key ? { key } : {}) })).json() as Json;

  test("values written on create show on the case, in display order, with display values", async () => {
    const res = await create([
      value("Order", "A-42"),
      value("Colour", "g"),
      value("Tags", ["b", "a"]),
      { id: p.Urgent!.id, value: true },
    ]);
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json() as Json;
    assert.deepEqual(
      c.parameters.map((v: Json) => [v.name, v.value, v.displayValue]),
      [
        ["Colour", "g", "Green"],
        ["Order", "A-42", "A-42"],
        ["Tags", ["b", "a"], "Beta, Alpha"],
        ["Urgent", true, "Yes"],
      ],
    );
    assert.deepEqual(c.parameters[0], {
      id: p.Colour!.id,
      parameter: { id: p.Colour!.id },
      name: "Colour",
      externalId: "colour",
      value: "g",
      displayValue: "Green",
      displayOrder: 1,
      scope: "Case",
      phase: "Request",
      constraints: { required: false, readonly: false, hidden: false, visibleToReporter: true },
    });
    assert.equal(c.parameters[3].phase, "Response");
    assert.deepEqual((await read(c.id)).parameters, c.parameters);
    const listed = (await mpt(t, { method: "GET", url: `/helpdesk/cases?eq(id,"${c.id}")` })).json() as Json;
    assert.deepEqual(listed.data[0].parameters, c.parameters);
    // The same values are the case's custom fields in the native API.
    const number = Number(c.id.replaceAll(/\D/g, ""));
    const native = (await t.request({ method: "GET", url: `/api/v1/cases/${number}` })).json() as Json;
    assert.deepEqual(native.customFields, { order: "A-42", colour: "g", tags: ["b", "a"], urgent: true });
    assert.equal((await read(c.id)).parameters.length, 4);
    const stats = (
      await mpt(t, { method: "GET", url: `/helpdesk/parameters/${p.Order!.id}` })
    ).json() as Json;
    assert.ok(stats.statistics.casesCount >= 1);
  });

  test("PUT changes the values sent, leaves the others, clears with null, and takes the case back whole", async () => {
    const c = (await create([value("Order", "B-1"), value("Colour", "r")])).json() as Json;
    const changed = await put(c.id, {
      parameters: [{ id: p.Order!.id, value: "B-2" }, value("Contact", "ann@example.com")],
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const after = changed.json() as Json;
    assert.deepEqual(
      after.parameters.map((v: Json) => [v.name, v.value]),
      [
        ["Colour", "r"],
        ["Order", "B-2"],
        ["Contact", "ann@example.com"],
      ],
    );
    assert.equal(after.revision, c.revision + 1);
    const cleared = (await put(c.id, { parameters: [value("Colour", null)] })).json() as Json;
    assert.deepEqual(
      cleared.parameters.map((v: Json) => v.name),
      ["Order", "Contact"],
    );
    // Read, modify one value, send the whole object back.
    const whole = await read(c.id);
    whole.parameters[0].value = "B-3";
    const back = await put(c.id, whole);
    assert.equal(back.statusCode, 200, back.body);
    assert.equal((back.json() as Json).parameters[0].value, "B-3");
  });

  test("bad values and unknown parameters are 400 naming them, and change nothing", async () => {
    const c = (await create([value("Order", "C-1")])).json() as Json;
    assertMptError(await put(c.id, { parameters: [value("Colour", "purple")] }), 400, ["parameters.0.value"]);
    assertMptError(await put(c.id, { parameters: [value("Order", "ok"), value("Contact", "nope")] }), 400, [
      "parameters.1.value",
    ]);
    assertMptError(
      await put(c.id, { parameters: [{ parameter: { id: "PAR-9999-9999" }, value: "x" }] }),
      400,
      ["parameters.0.parameter.id"],
    );
    assertMptError(await put(c.id, { parameters: [{ id: "HQU-0000-0001", value: "x" }] }), 400, [
      "parameters.0.id",
    ]);
    assertMptError(await put(c.id, { parameters: [value("Form only", "x")] }), 400, [
      "parameters.0.parameter.id",
    ]);
    assertMptError(await put(c.id, { parameters: [value("Order", "a"), value("Order", "b")] }), 400, [
      "parameters.1.parameter.id",
    ]);
    assertMptError(await put(c.id, { parameters: [{ parameter: { id: p.Order!.id } }] }), 400, [
      "parameters.0.value",
    ]);
    assertMptError(await put(c.id, { parameters: [{ ...value("Order", "x"), colour: "red" }] }), 400);
    const unchanged = await read(c.id);
    assert.equal(unchanged.revision, c.revision);
    assert.deepEqual(unchanged.parameters, c.parameters);
    const before = (await mpt(t, { method: "GET", url: "/helpdesk/cases?limit=0" })).json() as Json;
    assertMptError(await create([value("Tags", ["a", "z"])]), 400, ["parameters.0.value"]);
    const after = (await mpt(t, { method: "GET", url: "/helpdesk/cases?limit=0" })).json() as Json;
    assert.equal(after.$meta.pagination.total, before.$meta.pagination.total);
  });

  test("a required parameter must have a value on create, named by its id when it was not sent", async () => {
    const res = await mpt(t, {
      method: "POST",
      url: "/helpdesk/parameters",
      payload: { name: "Needed", scope: "Case", type: "SingleLineText", constraints: { required: true } },
    });
    const needed = res.json() as Json;
    try {
      assertMptError(await create([value("Order", "D-1")]), 400, [`parameters.${needed.id}`]);
      assertMptError(await create([{ parameter: { id: needed.id }, value: "" }]), 400, [
        "parameters.0.value",
      ]);
      assert.equal((await create([{ parameter: { id: needed.id }, value: "here" }])).statusCode, 201);
    } finally {
      // Later tests create cases without it.
      await mpt(t, {
        method: "PUT",
        url: `/helpdesk/parameters/${needed.id}`,
        payload: { constraints: { required: false } },
      });
    }
  });

  test("read-only values are written only with the admin scope", async () => {
    const c = (await create([value("Locked", "set by admin")])).json() as Json;
    assert.equal(c.parameters.find((v: Json) => v.name === "Locked").value, "set by admin");
    assertMptError(await put(c.id, { parameters: [value("Locked", "changed")] }, opsWriter), 400, [
      "parameters.0.value",
    ]);
    // Sending back the value it holds changes nothing, and passes.
    assert.equal(
      (await put(c.id, { parameters: [value("Locked", "set by admin")] }, opsWriter)).statusCode,
      200,
    );
    const own = await openCase(t, roles.keys.client);
    assertMptError(await put(own.id, { parameters: [value("Locked", "mine")] }, roles.keys.client), 400, [
      "parameters.0.value",
    ]);
  });

  test("hidden and reporter-invisible values are kept from client and vendor users, and not writable by them", async () => {
    for (const key of [roles.keys.client, roles.keys.vendor]) {
      const own = await openCase(t, key);
      const set = await put(own.id, {
        parameters: [value("Secret", "ops only"), value("Internal", "ops note"), value("Order", "E-1")],
      });
      assert.equal(set.statusCode, 200, set.body);
      assert.equal((set.json() as Json).parameters.length, 3);
      const seen = await read(own.id, key);
      assert.deepEqual(
        seen.parameters.map((v: Json) => v.name),
        ["Order"],
      );
      const list = (
        await mpt(t, { method: "GET", url: `/helpdesk/cases?eq(id,"${own.id}")`, key })
      ).json() as Json;
      assert.ok(!JSON.stringify(list).includes("ops only") && !JSON.stringify(list).includes("ops note"));
      for (const name of ["Secret", "Internal"])
        assertMptError(await put(own.id, { parameters: [value(name, "mine")] }, key), 400, [
          "parameters.0.parameter.id",
        ]);
      const written = await put(own.id, { parameters: [value("Order", "E-2")] }, key);
      assert.equal(written.statusCode, 200, written.body);
      assert.ok(!written.body.includes("ops only"));
      assert.deepEqual(
        (await read(own.id)).parameters.map((v: Json) => [v.name, v.value]),
        [
          ["Order", "E-2"],
          ["Secret", "ops only"],
          ["Internal", "ops note"],
        ],
      );
    }
  });
});
