import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { assertInvalid, assertProblem } from "../../../../test/native.ts";
import { buildTestApp } from "../../../../test/setup.ts";

describe("native administration", async () => {
  const t = await buildTestApp();

  const post = (url: string, payload: unknown, key?: string | null) =>
    t.request({ method: "POST", url, payload: payload as object, key });
  const patch = (url: string, payload: unknown, key?: string | null) =>
    t.request({ method: "PATCH", url, payload: payload as object, key });
  const get = (url: string, key?: string | null) => t.request({ method: "GET", url, key });

  async function created(res: LightMyRequestResponse, base: string) {
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(res.headers.location, `${base}/${body.id}`);
    return body;
  }
  const field = async (payload: Record<string, unknown>) =>
    created(await post("/api/v1/fields", { object: "case", ...payload }), "/api/v1/fields");
  const account = async (name: string, type: "operations" | "client" | "vendor") =>
    created(await post("/api/v1/accounts", { name, type }), "/api/v1/accounts");
  const user = async (accountId: string, email: string) =>
    created(await post("/api/v1/users", { accountId, email, name: email.split("@")[0] }), "/api/v1/users");
  async function mintKey(scopes: string[], userId?: string) {
    const res = await post("/api/v1/keys", { name: `key for ${scopes.join("+")}`, scopes, userId });
    return (await created(res, "/api/v1/keys")) as { id: string; key: string; userId: string };
  }
  const caseCount = async () => {
    const res = await get("/api/v1/cases?limit=500");
    assert.equal(res.statusCode, 200, res.body);
    return res.json().data.length as number;
  };

  describe("custom field definitions", () => {
    const everyType = [
      { key: "f_text", type: "text", value: "short" },
      { key: "f_textarea", type: "textarea", value: "long\ntext" },
      { key: "f_checkbox", type: "checkbox", value: true },
      {
        key: "f_select",
        type: "select",
        options: [
          { value: "a", label: "A" },
          { value: "b", label: "B" },
        ],
        value: "b",
      },
      {
        key: "f_multi",
        type: "multi_select",
        options: [
          { value: "x", label: "X" },
          { value: "y", label: "Y" },
          { value: "z", label: "Z" },
        ],
        value: ["x", "z"],
      },
      {
        key: "f_product",
        type: "dependent_select",
        options: [
          {
            value: "hw",
            label: "Hardware",
            children: [
              { value: "printer", label: "Printer", children: [{ value: "laser", label: "Laser" }] },
              { value: "scanner", label: "Scanner" },
            ],
          },
          { value: "sw", label: "Software", children: [{ value: "os", label: "Operating system" }] },
        ],
        value: ["hw", "printer", "laser"],
      },
      { key: "f_date", type: "date", value: "2026-02-28" },
      { key: "f_integer", type: "integer", value: 42 },
      { key: "f_decimal", type: "decimal", value: 3.25 },
    ] as const;

    test("POST creates a definition of every type, with defaults; GET lists and reads them", async () => {
      const ids: string[] = [];
      for (const def of everyType) {
        const body = await field({
          key: def.key,
          label: `Label ${def.key}`,
          type: def.type,
          ...("options" in def ? { options: def.options } : {}),
        });
        ids.push(body.id);
        assert.equal(body.object, "case");
        assert.equal(body.key, def.key);
        assert.equal(body.type, def.type);
        assert.deepEqual(body.options, "options" in def ? def.options : []);
        assert.equal(body.required, false);
        assert.equal(body.active, true);
        assert.equal(body.hidden, false);
        assert.equal(body.readonly, false);
        assert.equal(body.revision, 1);
      }

      const listed = await get("/api/v1/fields");
      assert.equal(listed.statusCode, 200, listed.body);
      const keys = listed.json().data.map((f: { key: string }) => f.key);
      for (const def of everyType) assert.ok(keys.includes(def.key), def.key);

      const one = await get(`/api/v1/fields/${ids[5]}`);
      assert.equal(one.statusCode, 200);
      assert.equal(one.json().key, "f_product");
      assert.equal(one.json().options[0].children[0].children[0].value, "laser");

      const contactOnly = await get("/api/v1/fields?object=contact");
      assert.equal(contactOnly.statusCode, 200);
      assert.deepEqual(contactOnly.json().data, []);
      assertInvalid(await get("/api/v1/fields?object=ticket"), "query.object");

      const missing = await get("/api/v1/fields/999999");
      assertProblem(missing, 404, "field_not_found");
    });

    test("a case accepts a valid value of every type", async () => {
      const customFields = Object.fromEntries(everyType.map((def) => [def.key, def.value]));
      const res = await post("/api/v1/cases", { title: "Every type", customFields });
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual(res.json().customFields, customFields);
      const got = await get(`/api/v1/cases/${res.json().id}`);
      assert.deepEqual(got.json().customFields, customFields);
    });

    test("invalid definitions name the field and create nothing", async () => {
      const before = (await get("/api/v1/fields")).json().data.length;
      for (const type of ["select", "multi_select", "dependent_select"])
        assertInvalid(
          await post("/api/v1/fields", { object: "case", key: `no_${type}`, label: "L", type }),
          "options",
        );
      assertInvalid(
        await post("/api/v1/fields", {
          object: "case",
          key: "empty_opts",
          label: "L",
          type: "select",
          options: [],
        }),
        "options",
      );
      assertInvalid(
        await post("/api/v1/fields", {
          object: "case",
          key: "text_opts",
          label: "L",
          type: "text",
          options: [{ value: "a", label: "A" }],
        }),
        "options",
      );
      assertInvalid(
        await post("/api/v1/fields", {
          object: "case",
          key: "nested_select",
          label: "L",
          type: "select",
          options: [{ value: "a", label: "A", children: [{ value: "b", label: "B" }] }],
        }),
        "options.0.children",
      );
      assertInvalid(
        await post("/api/v1/fields", {
          object: "case",
          key: "repeat",
          label: "L",
          type: "multi_select",
          options: [
            { value: "a", label: "A" },
            { value: "a", label: "Again" },
          ],
        }),
        "options.1.value",
      );
      assertInvalid(
        await post("/api/v1/fields", { object: "case", key: "9lives", label: "L", type: "text" }),
        "key",
      );
      assertInvalid(
        await post("/api/v1/fields", { object: "case", key: "has space", label: "L", type: "text" }),
        "key",
      );
      assertInvalid(
        await post("/api/v1/fields", { object: "case", key: "k", label: "L", type: "colour" }),
        "type",
      );
      assertInvalid(
        await post("/api/v1/fields", { object: "ticket", key: "k", label: "L", type: "text" }),
        "object",
      );
      assertInvalid(await post("/api/v1/fields", { object: "case", key: "k", type: "text" }), "label");
      assert.equal((await get("/api/v1/fields")).json().data.length, before);
    });

    test("a duplicate key on the same object is a 409 duplicate; another object may reuse it", async () => {
      const dup = await post("/api/v1/fields", {
        object: "case",
        key: "f_text",
        label: "Again",
        type: "textarea",
      });
      const body = assertProblem(dup, 409, "duplicate");
      assert.deepEqual(body.errors, [{ field: "key", message: "is taken" }]);
      const onContact = await post("/api/v1/fields", {
        object: "contact",
        key: "f_text",
        label: "C",
        type: "text",
      });
      assert.equal(onContact.statusCode, 201, onContact.body);
      assert.equal(onContact.json().object, "contact");
    });

    test("PATCH changes a definition partially; key, object and type are fixed", async () => {
      const def = await field({
        key: "to_patch",
        label: "Before",
        type: "select",
        options: [{ value: "a", label: "A" }],
      });
      const res = await patch(`/api/v1/fields/${def.id}`, {
        label: "After",
        displayOrder: 7,
        options: [
          { value: "a", label: "A" },
          { value: "b", label: "B" },
        ],
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.label, "After");
      assert.equal(body.displayOrder, 7);
      assert.equal(body.options.length, 2);
      assert.equal(body.type, "select");
      assert.equal(body.revision, 2);

      assertInvalid(await patch(`/api/v1/fields/${def.id}`, { type: "text" }), "type");
      assertInvalid(await patch(`/api/v1/fields/${def.id}`, { key: "renamed" }), "key");
      assertInvalid(await patch(`/api/v1/fields/${def.id}`, { options: [] }), "options");
      assertInvalid(await patch(`/api/v1/fields/${def.id}`, {}), "body");
      assert.deepEqual((await get(`/api/v1/fields/${def.id}`)).json(), body);

      assertProblem(await patch("/api/v1/fields/999999", { label: "X" }), 404, "field_not_found");
      assertProblem(await patch("/api/v1/fields/nope", { label: "X" }), 404, "field_not_found");
    });

    test("email, heading and json fields: values are checked by type; forms have fields too", async () => {
      await field({ key: "n_email", label: "Email", type: "email" });
      await field({ key: "n_heading", label: "Section", type: "heading" });
      await field({ key: "n_json", label: "Data", type: "json" });
      const form = await created(
        await post("/api/v1/fields", {
          object: "form",
          key: "n_choice",
          label: "Pick",
          type: "select",
          options: [{ value: "a", label: "A" }],
          widget: "choice",
          phase: "response",
          hintText: "Pick one",
          placeholderText: "…",
        }),
        "/api/v1/fields",
      );
      assert.deepEqual(
        [form.object, form.widget, form.phase, form.hintText, form.placeholderText],
        ["form", "choice", "response", "Pick one", "…"],
      );
      assertInvalid(
        await post("/api/v1/fields", {
          object: "case",
          key: "n_w",
          label: "W",
          type: "text",
          widget: "choice",
        }),
        "widget",
      );
      const write = (customFields: Record<string, unknown>) =>
        post("/api/v1/cases", { title: "New types", customFields });
      assertInvalid(await write({ n_email: "not an address" }), "customFields.n_email");
      assertInvalid(await write({ n_heading: "text" }), "customFields.n_heading");
      assertInvalid(await write({ n_json: [1] }), "customFields.n_json");
      const ok = await write({ n_email: "ann@example.com", n_json: { plan: "gold" } });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.deepEqual(ok.json().customFields, { n_email: "ann@example.com", n_json: { plan: "gold" } });
      const doc = (await get("/api/v1/openapi.json", null)).json();
      const types = doc.components.schemas.Field.properties.type.enum as string[];
      assert.ok(
        ["email", "heading", "json"].every((type) => types.includes(type)),
        String(types),
      );
    });

    test("case writes are validated against the definitions, naming customFields.<key>", async () => {
      const before = await caseCount();
      const create = (customFields: Record<string, unknown>) =>
        post("/api/v1/cases", { title: "CF", customFields });
      assertInvalid(await create({ f_select: "c" }), "customFields.f_select");
      assertInvalid(await create({ f_multi: ["x", "nope"] }), "customFields.f_multi");
      assertInvalid(await create({ f_multi: ["x", "x"] }), "customFields.f_multi");
      assertInvalid(await create({ f_product: ["sw", "printer"] }), "customFields.f_product");
      assertInvalid(await create({ f_product: ["hw", "printer", "inkjet"] }), "customFields.f_product");
      assertInvalid(await create({ f_checkbox: "yes" }), "customFields.f_checkbox");
      assertInvalid(await create({ f_date: "28/02/2026" }), "customFields.f_date");
      assertInvalid(await create({ f_integer: 4.5 }), "customFields.f_integer");
      assertInvalid(await create({ f_decimal: "3.25" }), "customFields.f_decimal");
      assertInvalid(await create({ f_text: 12 }), "customFields.f_text");
      assertInvalid(await create({ undefined_key: "x" }), "customFields.undefined_key");
      assert.equal(await caseCount(), before, "no case was created");

      const kase = await post("/api/v1/cases", { title: "Patch CF", customFields: { f_select: "a" } });
      assert.equal(kase.statusCode, 201, kase.body);
      const url = `/api/v1/cases/${kase.json().id}`;
      assertInvalid(await patch(url, { customFields: { f_select: "c" } }), "customFields.f_select");
      assertInvalid(
        await patch(url, { priority: "high", customFields: { f_product: ["os"] } }),
        "customFields.f_product",
      );
      const unchanged = (await get(url)).json();
      assert.equal(unchanged.revision, 1);
      assert.equal(unchanged.priority, "normal");
      assert.deepEqual(unchanged.customFields, { f_select: "a" });

      const ok = await patch(url, { customFields: { f_select: "b", f_product: ["sw", "os"] } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json().customFields, { f_select: "b", f_product: ["sw", "os"] });
    });

    test("an inactive field cannot be written", async () => {
      const def = await field({ key: "retired", label: "Retired", type: "text" });
      const kase = await post("/api/v1/cases", {
        title: "Before retirement",
        customFields: { retired: "v1" },
      });
      assert.equal(kase.statusCode, 201, kase.body);
      const off = await patch(`/api/v1/fields/${def.id}`, { active: false });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(off.json().active, false);

      const before = await caseCount();
      assertInvalid(
        await post("/api/v1/cases", { title: "x", customFields: { retired: "v" } }),
        "customFields.retired",
      );
      assert.equal(await caseCount(), before);
      const url = `/api/v1/cases/${kase.json().id}`;
      assertInvalid(await patch(url, { customFields: { retired: "v2" } }), "customFields.retired");
      assert.deepEqual((await get(url)).json().customFields, { retired: "v1" });
    });

    test("a read-only field is rejected for a cases:write key but accepted for admin", async () => {
      const def = await field({ key: "sla", label: "SLA", type: "integer", readonly: true });
      assert.equal(def.readonly, true);
      const writer = (await mintKey(["cases:read", "cases:write"])).key;

      const before = await caseCount();
      const denied = await post("/api/v1/cases", { title: "by writer", customFields: { sla: 4 } }, writer);
      assertInvalid(denied, "customFields.sla");
      assert.equal(await caseCount(), before);

      const plain = await post("/api/v1/cases", { title: "by writer" }, writer);
      assert.equal(plain.statusCode, 201, plain.body);
      const url = `/api/v1/cases/${plain.json().id}`;
      assertInvalid(await patch(url, { customFields: { sla: 8 } }, writer), "customFields.sla");
      assert.deepEqual((await get(url)).json().customFields, {});

      const byAdmin = await patch(url, { customFields: { sla: 8 } });
      assert.equal(byAdmin.statusCode, 200, byAdmin.body);
      assert.deepEqual(byAdmin.json().customFields, { sla: 8 });
      const adminCreate = await post("/api/v1/cases", { title: "by admin", customFields: { sla: 2 } });
      assert.equal(adminCreate.statusCode, 201, adminCreate.body);
      assert.deepEqual(adminCreate.json().customFields, { sla: 2 });

      // The writer may still change other things on the case.
      const other = await patch(url, { priority: "high" }, writer);
      assert.equal(other.statusCode, 200, other.body);
      assert.deepEqual(other.json().customFields, { sla: 8 });
    });

    test("field administration needs the admin scope", async () => {
      const writer = (await mintKey(["cases:read", "cases:write"])).key;
      const denied = await post(
        "/api/v1/fields",
        { object: "case", key: "sneaky", label: "S", type: "text" },
        writer,
      );
      assertProblem(denied, 403, "forbidden");
      const listed = await get("/api/v1/fields", writer);
      assert.equal(listed.statusCode, 200);
      assert.ok(!listed.json().data.some((f: { key: string }) => f.key === "sneaky"));
    });
  });

  describe("queues", () => {
    const defaults = async () =>
      (await get("/api/v1/queues")).json().data.filter((q: { isDefault: boolean }) => q.isDefault);

    test("create answers 201 with Location; get and list return it", async () => {
      const q = await created(
        await post("/api/v1/queues", { name: "Billing", description: "Invoices", externalId: "ext-billing" }),
        "/api/v1/queues",
      );
      assert.equal(q.name, "Billing");
      assert.equal(q.description, "Invoices");
      assert.equal(q.externalId, "ext-billing");
      assert.equal(q.internal, false);
      assert.equal(q.active, true);
      assert.equal(q.isDefault, false);
      assert.equal(q.revision, 1);
      const got = await get(`/api/v1/queues/${q.id}`);
      assert.equal(got.statusCode, 200);
      assert.deepEqual(got.json(), q);
      assert.ok((await get("/api/v1/queues")).json().data.some((item: { id: string }) => item.id === q.id));
    });

    test("unknown queues are 404; bad input names the field", async () => {
      assertProblem(await get("/api/v1/queues/999999"), 404, "queue_not_found");
      assertProblem(await get("/api/v1/queues/x1"), 404, "queue_not_found");
      assertProblem(await patch("/api/v1/queues/999999", { name: "X" }), 404, "queue_not_found");
      assertInvalid(await post("/api/v1/queues", { name: "" }), "name");
      assertInvalid(await post("/api/v1/queues", { description: "no name" }), "name");
      assertInvalid(
        await post("/api/v1/queues", { name: "Orphan", ownerAccountId: "999999" }),
        "ownerAccountId",
      );
      const unknownQueue = await post("/api/v1/cases", { title: "Lost", queueId: "999999" });
      assertInvalid(unknownQueue, "queueId");
    });

    test("isDefault moves the default, and new cases land in it", async () => {
      const [original] = await defaults();
      assert.ok(original, "the workspace starts with a default queue");
      const triage = await created(
        await post("/api/v1/queues", { name: "Triage", isDefault: true }),
        "/api/v1/queues",
      );
      assert.equal(triage.isDefault, true);
      assert.deepEqual(
        (await defaults()).map((q: { id: string }) => q.id),
        [triage.id],
      );
      const kase = await post("/api/v1/cases", { title: "Where do I go?" });
      assert.equal(kase.json().queueId, triage.id);

      const back = await patch(`/api/v1/queues/${original.id}`, { isDefault: true });
      assert.equal(back.statusCode, 200, back.body);
      assert.equal(back.json().isDefault, true);
      assert.deepEqual(
        (await defaults()).map((q: { id: string }) => q.id),
        [original.id],
      );
      assert.equal((await get(`/api/v1/queues/${triage.id}`)).json().isDefault, false);
      assert.equal((await post("/api/v1/cases", { title: "And now?" })).json().queueId, original.id);
    });

    test("an internal queue is hidden from a client account's user", async () => {
      const internal = await created(
        await post("/api/v1/queues", { name: "Escalations", internal: true }),
        "/api/v1/queues",
      );
      const client = await account("Queue Client Ltd", "client");
      const member = await user(client.id, "queue.client@example.com");
      const clientKey = (await mintKey(["cases:read", "cases:write"], member.id)).key;

      const mine = await get("/api/v1/queues", clientKey);
      assert.equal(mine.statusCode, 200, mine.body);
      const ids = mine.json().data.map((q: { id: string }) => q.id);
      assert.ok(!ids.includes(internal.id));
      assert.ok(ids.length > 0, "public queues stay visible");
      assertProblem(await get(`/api/v1/queues/${internal.id}`, clientKey), 404, "queue_not_found");
      assert.equal((await get(`/api/v1/queues/${ids[0]}`, clientKey)).statusCode, 200);

      const asAdmin = await get("/api/v1/queues");
      assert.ok(asAdmin.json().data.some((q: { id: string }) => q.id === internal.id));
      assert.equal((await get(`/api/v1/queues/${internal.id}`)).statusCode, 200);
      assertProblem(await post("/api/v1/queues", { name: "By client" }, clientKey), 403, "forbidden");
    });
  });

  describe("accounts and users", () => {
    test("create an account and a user in it; get and list them", async () => {
      const vendor = await account("Parts Inc", "vendor");
      assert.equal(vendor.name, "Parts Inc");
      assert.equal(vendor.type, "vendor");
      assert.equal(vendor.revision, 1);
      assert.deepEqual((await get(`/api/v1/accounts/${vendor.id}`)).json(), vendor);
      assert.ok((await get("/api/v1/accounts")).json().data.some((a: { id: string }) => a.id === vendor.id));

      const member = await user(vendor.id, "Parts.Person@example.com");
      assert.equal(member.accountId, vendor.id);
      assert.equal(member.email, "Parts.Person@example.com");
      assert.equal(member.active, true);
      assert.deepEqual((await get(`/api/v1/users/${member.id}`)).json(), member);
      assert.ok((await get("/api/v1/users")).json().data.some((u: { id: string }) => u.id === member.id));

      const renamed = await patch(`/api/v1/accounts/${vendor.id}`, { name: "Parts International" });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.equal(renamed.json().name, "Parts International");
      assert.equal(renamed.json().revision, 2);
    });

    test("a duplicate user email is a 409 duplicate, whatever its case", async () => {
      const ops = await account("Ops Two", "operations");
      const first = await user(ops.id, "same.person@example.com");
      const dup = await post("/api/v1/users", {
        accountId: ops.id,
        email: "SAME.person@example.com",
        name: "Twin",
      });
      const body = assertProblem(dup, 409, "duplicate");
      assert.deepEqual(body.errors, [{ field: "email", message: "is taken" }]);
      const other = await user(ops.id, "other.person@example.com");
      assertProblem(
        await patch(`/api/v1/users/${other.id}`, { email: "Same.Person@example.com" }),
        409,
        "duplicate",
      );
      assert.equal((await get(`/api/v1/users/${other.id}`)).json().email, "other.person@example.com");
      assert.equal((await get(`/api/v1/users/${first.id}`)).json().name, "same.person");
    });

    test("bad input names the field; unknown ids are 404", async () => {
      const usersBefore = (await get("/api/v1/users")).json().data.length;
      assertInvalid(
        await post("/api/v1/users", { accountId: "999999", email: "ghost@example.com", name: "G" }),
        "accountId",
      );
      assertInvalid(
        await post("/api/v1/users", { accountId: 2 ** 60, email: "big@example.com", name: "B" }),
        "accountId",
      );
      assertInvalid(
        await post("/api/v1/users", { accountId: "1", email: "not-an-email", name: "N" }),
        "email",
      );
      assertInvalid(await post("/api/v1/users", { accountId: "1", email: "x@example.com" }), "name");
      assert.equal((await get("/api/v1/users")).json().data.length, usersBefore);
      assertInvalid(await post("/api/v1/accounts", { name: "Bad", type: "partner" }), "type");
      assertInvalid(await post("/api/v1/accounts", { name: "", type: "client" }), "name");

      assertProblem(await get("/api/v1/accounts/999999"), 404, "account_not_found");
      assertProblem(await get("/api/v1/users/999999"), 404, "user_not_found");
      assertProblem(await patch("/api/v1/users/999999", { name: "X" }), 404, "user_not_found");
      assertProblem(await patch("/api/v1/accounts/abc", { name: "X" }), 404, "account_not_found");
    });
  });

  describe("API keys and /me", () => {
    test("POST returns the secret once; GET lists keys without secrets", async () => {
      const minted = await mintKey(["cases:read"]);
      assert.match(minted.key, /^cw_/);
      const body = minted as unknown as Record<string, unknown>;
      assert.equal(body.prefix, minted.key.slice(0, 7));
      assert.deepEqual(body.scopes, ["cases:read"]);
      assert.equal(body.revokedAt, null);

      const listed = await get("/api/v1/keys");
      assert.equal(listed.statusCode, 200, listed.body);
      const entry = listed.json().data.find((k: { id: string }) => k.id === minted.id);
      assert.ok(entry, "the new key is listed");
      assert.deepEqual(Object.keys(entry).sort(), [
        "createdAt",
        "expiresAt",
        "id",
        "name",
        "prefix",
        "revokedAt",
        "scopes",
        "userId",
      ]);
      assert.ok(!listed.body.includes(minted.key), "no secret in the list");
      assert.ok(!listed.body.includes(t.key), "not even the admin's own");

      const me = await get("/api/v1/me", minted.key);
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().id, minted.userId);
    });

    test("a key with expiresAt authenticates until then, and is a 401 from then on", async () => {
      const expiresAt = new Date(t.clock.now.getTime() + 3_600_000).toISOString();
      const res = await post("/api/v1/keys", { name: "temp", scopes: ["cases:read"], expiresAt });
      assert.equal(res.statusCode, 201, res.body);
      const minted = res.json() as { id: string; key: string; expiresAt: string };
      assert.equal(minted.expiresAt, expiresAt);
      assert.equal((await get("/api/v1/cases", minted.key)).statusCode, 200);
      const listed = (await get("/api/v1/keys")).json().data.find((k: { id: string }) => k.id === minted.id);
      assert.equal(listed.expiresAt, expiresAt);
      t.clock.now = new Date(t.clock.now.getTime() + 3_600_000);
      try {
        const expired = await get("/api/v1/cases", minted.key);
        assertProblem(expired, 401, "unauthenticated");
        assert.match(String(expired.headers["www-authenticate"]), /^Bearer/);
      } finally {
        t.clock.now = new Date(t.clock.now.getTime() - 3_600_000);
      }
      assert.equal((await get("/api/v1/cases", minted.key)).statusCode, 200);
      const never = await post("/api/v1/keys", { name: "forever", scopes: ["cases:read"], expiresAt: null });
      assert.equal(never.json().expiresAt, null);
    });

    test("an expiry must be a future date-time", async () => {
      const before = (await get("/api/v1/keys")).json().data.length;
      const past = new Date(t.clock.now.getTime() - 1000).toISOString();
      assertInvalid(
        await post("/api/v1/keys", { name: "x", scopes: ["cases:read"], expiresAt: past }),
        "expiresAt",
      );
      assertInvalid(
        await post("/api/v1/keys", { name: "x", scopes: ["cases:read"], expiresAt: "tomorrow" }),
        "expiresAt",
      );
      assert.equal((await get("/api/v1/keys")).json().data.length, before);
    });

    test("DELETE revokes a key, which then gets 401", async () => {
      const minted = await mintKey(["cases:read"]);
      assert.equal((await get("/api/v1/cases", minted.key)).statusCode, 200);
      const revoked = await t.request({ method: "DELETE", url: `/api/v1/keys/${minted.id}` });
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.equal(revoked.json().id, minted.id);
      assert.equal(revoked.json().revokedAt, "2026-01-05T09:00:00.000Z");
      assert.ok(!("key" in revoked.json()));

      const after = await get("/api/v1/cases", minted.key);
      assertProblem(after, 401, "unauthenticated");
      assert.match(String(after.headers["www-authenticate"]), /^Bearer/);
      const listed = (await get("/api/v1/keys")).json().data.find((k: { id: string }) => k.id === minted.id);
      assert.equal(listed.revokedAt, "2026-01-05T09:00:00.000Z");

      assertProblem(
        await t.request({ method: "DELETE", url: `/api/v1/keys/${minted.id}` }),
        404,
        "key_not_found",
      );
      assertProblem(await t.request({ method: "DELETE", url: "/api/v1/keys/999999" }), 404, "key_not_found");
      assertProblem(await t.request({ method: "DELETE", url: "/api/v1/keys/abc" }), 404, "key_not_found");
    });

    test("a key without admin cannot manage keys: 403", async () => {
      const reader = (await mintKey(["cases:read"])).key;
      const before = (await get("/api/v1/keys")).json().data.length;
      const res = await post("/api/v1/keys", { name: "escalate", scopes: ["admin"] }, reader);
      assertProblem(res, 403, "forbidden");
      assertProblem(
        await post("/api/v1/keys", { name: "same", scopes: ["cases:read"] }, reader),
        403,
        "forbidden",
      );
      assertProblem(await get("/api/v1/keys", reader), 403, "forbidden");
      assert.equal((await get("/api/v1/keys")).json().data.length, before);
    });

    test("bad key requests name the field", async () => {
      assertInvalid(await post("/api/v1/keys", { name: "k", scopes: [] }), "scopes");
      assertInvalid(await post("/api/v1/keys", { name: "k", scopes: ["root"] }), "scopes.0");
      assertInvalid(await post("/api/v1/keys", { name: "k", scopes: ["admin", "admin"] }), "scopes");
      assertInvalid(await post("/api/v1/keys", { scopes: ["admin"] }), "name");
      assertInvalid(await post("/api/v1/keys", { name: "k", scopes: ["admin"], userId: "999999" }), "userId");
      assertInvalid(await post("/api/v1/keys", { name: "k", scopes: ["admin"], userId: 2 ** 60 }), "userId");
    });

    test("GET /me is the user behind the key; no key is 401", async () => {
      const me = await get("/api/v1/me");
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().email, "admin@default.casework.local");
      assert.equal(me.json().active, true);
      const ops = await account("Me Ops", "operations");
      const agent = await user(ops.id, "agent.me@example.com");
      const agentKey = (await mintKey(["cases:read"], agent.id)).key;
      const theirs = await get("/api/v1/me", agentKey);
      assert.equal(theirs.statusCode, 200, theirs.body);
      const { accountType, scopes, can, ...asUser } = theirs.json();
      assert.deepEqual(asUser, agent);
      assert.equal(accountType, "operations");
      assert.deepEqual(scopes, ["cases:read"]);
      assert.ok(can.includes("case.read") && can.includes("case.history"), can);
      assert.ok(!can.includes("case.update") && !can.includes("key.manage"), can);

      const client = await account("Me Client", "client");
      const member = await user(client.id, "member.me@example.com");
      const memberKey = (await mintKey(["cases:read", "cases:write"], member.id)).key;
      const outsider = (await get("/api/v1/me", memberKey)).json();
      assert.equal(outsider.accountType, "client");
      assert.ok(outsider.can.includes("case.update"), outsider.can);
      assert.ok(
        !outsider.can.includes("case.history") && !outsider.can.includes("entry.internal"),
        outsider.can,
      );
      assert.ok(me.json().can.includes("key.manage"));
      assertProblem(await get("/api/v1/me", null), 401, "unauthenticated");
      assertProblem(await get("/api/v1/me", "cw_not_a_real_key"), 401, "unauthenticated");
    });
  });

  describe("workspace settings", () => {
    test("GET returns the settings; PATCH changes them; the rules apply", async () => {
      const got = await get("/api/v1/workspace");
      assert.equal(got.statusCode, 200, got.body);
      const settings = got.json();
      assert.equal(settings.slug, "default");
      assert.equal(typeof settings.closeDelaySeconds, "number");
      assert.equal(settings.resolutionRequired, false);

      const changed = await patch("/api/v1/workspace", { resolutionRequired: true, closeDelaySeconds: 3600 });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.deepEqual(changed.json(), { ...settings, resolutionRequired: true, closeDelaySeconds: 3600 });
      assert.deepEqual((await get("/api/v1/workspace")).json(), changed.json());

      const kase = await post("/api/v1/cases", { title: "Resolve me" });
      const url = `/api/v1/cases/${kase.json().id}`;
      assertInvalid(await patch(url, { status: "resolved" }), "resolution");
      const resolved = await patch(url, { status: "resolved", resolution: "Fixed" });
      assert.equal(resolved.statusCode, 200, resolved.body);

      const partial = await patch("/api/v1/workspace", { resolutionRequired: false });
      assert.equal(partial.statusCode, 200, partial.body);
      assert.equal(partial.json().resolutionRequired, false);
      assert.equal(partial.json().closeDelaySeconds, 3600, "a partial patch keeps the rest");
    });

    test("bad settings name the field and change nothing; only admin may change them", async () => {
      const before = (await get("/api/v1/workspace")).json();
      assertInvalid(await patch("/api/v1/workspace", { closeDelaySeconds: -1 }), "closeDelaySeconds");
      assertInvalid(await patch("/api/v1/workspace", { closeDelaySeconds: 1.5 }), "closeDelaySeconds");
      assertInvalid(await patch("/api/v1/workspace", { resolutionRequired: "yes" }), "resolutionRequired");
      assertInvalid(await patch("/api/v1/workspace", { slug: "renamed" }), "slug");
      assertInvalid(await patch("/api/v1/workspace", {}), "body");
      const writer = (await mintKey(["cases:read", "cases:write"])).key;
      assert.equal((await get("/api/v1/workspace", writer)).statusCode, 200);
      assertProblem(await patch("/api/v1/workspace", { closeDelaySeconds: 0 }, writer), 403, "forbidden");
      assert.deepEqual((await get("/api/v1/workspace")).json(), before);
    });
  });

  describe("client-account visibility", () => {
    test("a client user's key sees only its account's cases, without awaiting or internal entries", async () => {
      const client = await account("Client Co", "client");
      const otherClient = await account("Other Client Co", "client");
      const member = await user(client.id, "member@client.example");
      const clientKey = (await mintKey(["cases:read", "cases:write"], member.id)).key;

      const theirs = await post("/api/v1/cases", {
        title: "Client case",
        accountId: client.id,
        awaiting: true,
        timeline: [
          { kind: "message", body: "We are on it." },
          { kind: "note", body: "Internal: customer is grumpy" },
          { kind: "message", visibility: "internal", body: "Internal message" },
        ],
      });
      assert.equal(theirs.statusCode, 201, theirs.body);
      const own = theirs.json();
      assert.equal(own.awaiting, true, "operations users see awaiting");
      const foreign = (
        await post("/api/v1/cases", { title: "Someone else's", accountId: otherClient.id })
      ).json();
      const unowned = (await post("/api/v1/cases", { title: "No account" })).json();

      // Reading one case.
      const got = await get(`/api/v1/cases/${own.id}`, clientKey);
      assert.equal(got.statusCode, 200, got.body);
      assert.equal(got.json().title, "Client case");
      assert.ok(!("awaiting" in got.json()), "awaiting is not shown to client users");
      for (const hidden of [foreign, unowned]) {
        assertProblem(await get(`/api/v1/cases/${hidden.id}`, clientKey), 404, "case_not_found");
        assertProblem(
          await patch(`/api/v1/cases/${hidden.id}`, { priority: "high" }, clientKey),
          404,
          "case_not_found",
        );
        assertProblem(await get(`/api/v1/cases/${hidden.id}/timeline`, clientKey), 404, "case_not_found");
        assert.equal((await get(`/api/v1/cases/${hidden.id}`)).json().priority, "normal");
      }

      // Lists.
      const listed = await get("/api/v1/cases?limit=500", clientKey);
      assert.equal(listed.statusCode, 200, listed.body);
      assert.deepEqual(
        listed.json().data.map((c: { id: string }) => c.id),
        [own.id],
      );
      assert.ok(listed.json().data.every((c: Record<string, unknown>) => !("awaiting" in c)));
      const adminList = (await get("/api/v1/cases?limit=500")).json().data.map((c: { id: string }) => c.id);
      for (const id of [own.id, foreign.id, unowned.id]) assert.ok(adminList.includes(id));

      // Timeline.
      const timeline = await get(`/api/v1/cases/${own.id}/timeline`, clientKey);
      assert.equal(timeline.statusCode, 200, timeline.body);
      assert.deepEqual(
        timeline.json().data.map((e: { body: string; visibility: string }) => [e.body, e.visibility]),
        [["We are on it.", "public"]],
      );
      const adminTimeline = (await get(`/api/v1/cases/${own.id}/timeline`)).json().data;
      assert.equal(adminTimeline.length, 3);

      // Writing: a case the client creates belongs to its own account; it cannot ask for another.
      const before = await caseCount();
      const elsewhere = await post(
        "/api/v1/cases",
        { title: "Into another account", accountId: otherClient.id },
        clientKey,
      );
      assertProblem(elsewhere, 403, "forbidden", "accountId");
      assert.equal(await caseCount(), before);
      const made = await post("/api/v1/cases", { title: "From the client" }, clientKey);
      assert.equal(made.statusCode, 201, made.body);
      assert.equal(made.json().accountId, client.id);
      assert.ok(!("awaiting" in made.json()));
      const patched = await patch(`/api/v1/cases/${own.id}`, { priority: "urgent" }, clientKey);
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().priority, "urgent");
      assert.ok(!("awaiting" in patched.json()));
      assert.deepEqual(
        (await get("/api/v1/cases?limit=500", clientKey))
          .json()
          .data.map((c: { id: string }) => c.id)
          .sort(),
        [own.id, made.json().id].sort(),
      );
    });

    test("hidden custom fields and internal notes stay out of a client's view and search", async () => {
      const client = await account("Search Client", "client");
      const member = await user(client.id, "searcher@client.example");
      const clientKey = (await mintKey(["cases:read", "cases:write"], member.id)).key;
      for (const [key, extra] of [
        ["shownToClient", {}],
        ["riskScore", { hidden: true }],
        ["triageNote", { visibleToReporter: false }],
      ] as const) {
        const created = await post("/api/v1/fields", {
          object: "case",
          key,
          label: key,
          type: "text",
          ...extra,
        });
        assert.equal(created.statusCode, 201, created.body);
      }
      const c = (
        await post("/api/v1/cases", {
          title: "Shipment delayed",
          accountId: client.id,
          customFields: { shownToClient: "yes", riskScore: "high", triageNote: "vip" },
          timeline: [
            { kind: "message", body: "parcel tracking update" },
            { kind: "note", body: "zebracorn escalation" },
          ],
        })
      ).json();
      const seen = (await get(`/api/v1/cases/${c.id}`, clientKey)).json();
      assert.deepEqual(seen.customFields, { shownToClient: "yes" });
      const listed = (await get("/api/v1/cases?limit=500", clientKey)).json().data;
      assert.deepEqual(listed.find((x: { id: string }) => x.id === c.id).customFields, {
        shownToClient: "yes",
      });
      const ids = async (q: string, key?: string) =>
        (await get(`/api/v1/cases?q=${q}`, key)).json().data.map((x: { id: string }) => x.id);
      assert.deepEqual(await ids("tracking", clientKey), [c.id], "public words are found");
      assert.deepEqual(await ids("zebracorn", clientKey), [], "words of internal notes are not");
      assert.deepEqual(await ids("zebracorn"), [c.id], "operations users find them");
      assertProblem(await get(`/api/v1/cases/${c.id}/history`, clientKey), 403, "forbidden");
      const writeHidden = await patch(
        `/api/v1/cases/${c.id}`,
        { customFields: { riskScore: "low" } },
        clientKey,
      );
      const denied = assertProblem(writeHidden, 403, "forbidden");
      assert.deepEqual(denied.errors, [
        { field: "customFields.riskScore", message: "is not writable by your account" },
      ]);
    });
  });
});
