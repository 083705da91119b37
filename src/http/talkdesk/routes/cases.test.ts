import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { accessToken, registerClient } from "../../../../test/oauth.ts";
import { buildTestApp } from "../../../../test/setup.ts";
import {
  assertTalkdeskError,
  defineSeedFields,
  DEPENDENT_PATH as dependentPath,
  SEED_CUSTOM_FIELDS,
  talkdesk,
} from "../../../../test/talkdesk.ts";
import { closeDueCases } from "../../../ops/cases/close-due-cases.ts";

describe("Talkdesk cases", async () => {
  const t = await buildTestApp();
  await defineSeedFields(t);
  const token = await accessToken(t, await registerClient(t));
  const me = (await t.request({ method: "GET", url: "/api/v1/me" })).json();
  const queues = (await t.request({ method: "GET", url: "/api/v1/queues" })).json().data;
  const call = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    talkdesk(t, token, { method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  const create = async (payload: Record<string, unknown>) => {
    const res = await call("POST", "/core/va/cases", { description: "", ...payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };

  test("create takes flat custom fields, notes and the requester by email, and answers the case", async () => {
    const created = await create({
      title: "Printer on fire",
      description: "Smoke everywhere",
      priority: "high",
      requester_email: "ada@example.com",
      requester_name: "Ada",
      requester_type: "Contact",
      custom_fields: {
        checkbox1: true,
        dropdown1: "001",
        dependent_field1: dependentPath,
        numeric1: 1,
        multi_select1: ["002"],
      },
      notes: [{ note_title: "first", note_body: "it smells", public: true }, { note_body: "private" }],
    });
    assert.match(created.id, /^[1-9][0-9]*$/);
    assert.equal(created.status, "NEW");
    assert.equal(created.priority, "HIGH");
    assert.equal(created.requester_email, "ada@example.com");
    assert.equal(created.requester_name, "Ada");
    assert.equal(created.requester_type, "CONTACT");
    assert.match(created.requester_id, /^\d+$/);
    assert.deepEqual(created.custom_fields.drop_down1, { label: "test dw12", value: "001" });
    assert.deepEqual(created.custom_fields.dependent_field1, {
      label: ["a", "a1", "a11"],
      value: dependentPath,
    });
    assert.deepEqual(created.custom_fields.checkbox1, { value: true });
    assert.equal(created.notes.length, 2);
    assert.deepEqual(Object.keys(created.notes[0]).sort(), [
      "id",
      "note_body",
      "note_title",
      "notes_body",
      "notes_title",
      "public",
    ]);
    assert.equal(created.notes[0].note_body, "it smells");
    assert.equal(created.notes[0].notes_body, "it smells");
    assert.equal(created.notes[0].public, true);
    assert.equal(created.notes[1].public, false);
    assert.match(created.create_at, /Z$/);
    const got = await call("GET", `/core/va/cases/${created.id}`);
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json(), created);
  });

  test("the seed's update sample applies as sent (with this workspace's ids)", async () => {
    const parent = await create({ title: "Parent" });
    const c = await create({ title: "Child" });
    const res = await call("PATCH", `/core/va/cases/${c.id}`, {
      parent_id: parent.id,
      title: "test title",
      description: "test description",
      owner_id: me.id,
      priority: "LOW",
      type: "QUESTION",
      status: "ON-HOLD",
      resolution: "solve successfully",
      custom_fields: SEED_CUSTOM_FIELDS,

      notes: [{ note_title: "test subject", note_body: "test body", public: true }],
      group_id: queues[0].id,
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.status, "ON_HOLD");
    assert.equal(body.parent_id, parent.id);
    assert.equal(body.owner_id, me.id);
    assert.equal(body.agent_id, me.id);
    assert.equal(body.agent_name, me.name);
    assert.equal(body.group_id, queues[0].id);
    assert.equal(body.group_name, queues[0].name);
    assert.equal(body.type, "QUESTION");
    assert.equal(body.priority, "LOW");
    assert.equal(body.resolution, "solve successfully");
    assert.deepEqual(body.custom_fields.multi_select1, { label: ["1111", "2222"], value: ["001", "002"] });
    assert.deepEqual(body.custom_fields.decimal1, { value: 1.2 });
    assert.equal(body.notes.length, 1);
    const again = await call("PATCH", `/core/va/cases/${c.id}`, { notes: [{ note_body: "second" }] });
    assert.deepEqual(
      again.json().notes.map((n: { note_body: string }) => n.note_body),
      ["test body", "second"],
    );
  });

  test("lifecycle: assigning a new case opens it, unassigning returns it to new", async () => {
    const c = await create({ title: "Route me" });
    assert.equal((await call("PATCH", `/core/va/cases/${c.id}`, { owner_id: me.id })).json().status, "OPEN");
    const back = (await call("PATCH", `/core/va/cases/${c.id}`, { owner_id: "" })).json();
    assert.equal(back.status, "NEW");
    assert.equal(back.owner_id, undefined);
    assert.equal((await create({ title: "Owned", owner_id: me.id })).status, "OPEN");
  });

  test("lifecycle: CLOSED cannot be set, RESOLVED needs a resolution and the required fields, closed cases refuse updates", async () => {
    const c = await create({ title: "Solve me" });
    assertTalkdeskError(
      await call("PATCH", `/core/va/cases/${c.id}`, { status: "CLOSED" }),
      409,
      "invalid_transition",
      ["status"],
    );
    assertTalkdeskError(
      await call("PATCH", `/core/va/cases/${c.id}`, { status: "RESOLVED" }),
      400,
      "validation_failed",
      ["resolution"],
    );
    assertTalkdeskError(
      await call("PATCH", `/core/va/cases/${c.id}`, { status: "RESOLVED", resolution: "x".repeat(2001) }),
      400,
      "validation_failed",
      ["resolution"],
    );
    const required = await t.request({
      method: "POST",
      url: "/api/v1/fields",
      payload: { object: "case", key: "root_cause", label: "Root cause", type: "text" },
    });
    const fieldId = required.json().id;
    await t.request({ method: "PATCH", url: `/api/v1/fields/${fieldId}`, payload: { required: true } });
    assertTalkdeskError(
      await call("PATCH", `/core/va/cases/${c.id}`, { status: "resolved", resolution: "done" }),
      400,
      "validation_failed",
      ["custom_fields.root_cause"],
    );
    const solved = await call("PATCH", `/core/va/cases/${c.id}`, {
      status: "resolved",
      resolution: "done",
      solve_reason: "fixed",
      custom_fields: { root_cause: { value: "dust" } },
    });
    assert.equal(solved.statusCode, 200, solved.body);
    assert.equal(solved.json().status, "RESOLVED");
    assert.equal(solved.json().solve_reason, "fixed");
    await t.request({
      method: "PATCH",
      url: `/api/v1/fields/${fieldId}`,
      payload: { required: false, active: false },
    });
    // The scheduler closes resolved cases after the workspace's delay (four days by default).
    await closeDueCases({ db: t.db, now: () => new Date(t.clock.now.getTime() + 5 * 86_400_000) });
    assert.equal((await call("GET", `/core/va/cases/${c.id}`)).json().status, "CLOSED");
    assertTalkdeskError(
      await call("PATCH", `/core/va/cases/${c.id}`, { title: "again" }),
      409,
      "case_closed",
    );
  });

  test("length limits and bad values name Talkdesk's fields, and change nothing", async () => {
    const c = await create({ title: "Limits" });
    assertTalkdeskError(
      await call("POST", "/core/va/cases", { title: "x".repeat(151), description: "" }),
      400,
      "validation_failed",
      ["title"],
    );
    assertTalkdeskError(await call("POST", "/core/va/cases", { title: "x" }), 400, "validation_failed", [
      "description",
    ]);
    assertTalkdeskError(
      await call("PATCH", `/core/va/cases/${c.id}`, { description: "x".repeat(2001) }),
      400,
      "validation_failed",
      ["description"],
    );
    assertTalkdeskError(
      await call("PATCH", `/core/va/cases/${c.id}`, { priority: "MEDIUM" }),
      400,
      "validation_failed",
      ["priority"],
    );
    assertTalkdeskError(
      await call("PATCH", `/core/va/cases/${c.id}`, { custom_fields: { dropdown1: "001" } }),
      400,
      "validation_failed",
      ["custom_fields.dropdown1"],
    );
    assertTalkdeskError(
      await call("PATCH", `/core/va/cases/${c.id}`, {
        custom_fields: { dependent_field1: { value: [dependentPath[1]] } },
      }),
      400,
      "validation_failed",
      ["custom_fields.dependent_field1"],
    );
    assertTalkdeskError(
      await call("PATCH", `/core/va/cases/${c.id}`, { notes: [{ note_title: "no body" }] }),
      400,
      "validation_failed",
      ["notes[0].note_body"],
    );
    assertTalkdeskError(
      await call("PATCH", `/core/va/cases/${c.id}`, { owner_id: "61036b508ff57b5578f25a10" }),
      400,
      "validation_failed",
      ["owner_id"],
    );
    assertTalkdeskError(
      await call("PATCH", `/core/va/cases/${c.id}`, { color: "red" }),
      400,
      "validation_failed",
      ["color"],
    );
    const after = (await call("GET", `/core/va/cases/${c.id}`)).json();
    assert.deepEqual(after, c);
    assertTalkdeskError(await call("GET", "/core/va/cases/abc"), 404, "case_not_found");
    assertTalkdeskError(await call("GET", "/core/va/cases/999999"), 404, "case_not_found");
    assertTalkdeskError(await call("GET", "/core/va/nothing"), 404, "route_not_found");
  });

  test("PATCH note edits a note's title, body and visibility", async () => {
    const c = await create({ title: "Noted", notes: [{ note_title: "t", note_body: "b" }] });
    const noteId = c.notes[0].id;
    const res = await call("PATCH", `/core/va/notes/${noteId}`, {
      note_title: "new title",
      note_body: "new body",
      public: true,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      id: noteId,
      note_title: "new title",
      note_body: "new body",
      notes_title: "new title",
      notes_body: "new body",
      public: true,
    });
    assert.equal(
      (await call("PATCH", `/core/va/notes/${noteId}`, { notes_body: "alias" })).json().note_body,
      "alias",
    );
    assertTalkdeskError(
      await call("PATCH", `/core/va/notes/${noteId}`, { note_body: "" }),
      400,
      "validation_failed",
      ["note_body"],
    );
    assertTalkdeskError(
      await call("PATCH", "/core/va/notes/999999", { note_body: "x" }),
      404,
      "entry_not_found",
    );
  });

  test("delete moves cases with their subcases to the trash; permanent delete only from the trash", async () => {
    const parent = await create({ title: "Doomed parent" });
    const child = await create({ title: "Doomed child", parent_id: parent.id });
    assertTalkdeskError(
      await call("DELETE", `/core/va/cases/deleted-cases?ids=${parent.id}`),
      409,
      "case_not_trashed",
    );
    const trashed = await call("DELETE", `/core/va/cases?ids=["${parent.id}"]`);
    assert.equal(trashed.statusCode, 200, trashed.body);
    assert.deepEqual(trashed.json(), { ids: [Number(parent.id)] });
    const listed = (await call("GET", `/core/va/cases?ids=${parent.id},${child.id}`)).json();
    assert.equal(listed.total, 0);
    const purged = await call("DELETE", `/core/va/cases/deleted-cases?ids=${parent.id}`);
    assert.deepEqual(purged.json(), { ids: [Number(parent.id)] });
    assertTalkdeskError(await call("GET", `/core/va/cases/${child.id}`), 404, "case_not_found");
    assertTalkdeskError(await call("DELETE", "/core/va/cases?ids=999999"), 404, "case_not_found");
    const kept = await create({ title: "Kept" });
    assertTalkdeskError(await call("DELETE", `/core/va/cases?ids=${kept.id},999999`), 404, "case_not_found");
    assert.equal((await call("GET", `/core/va/cases?ids=${kept.id}`)).json().total, 1, "all or nothing");
    assertTalkdeskError(await call("DELETE", "/core/va/cases"), 400, "validation_failed", ["ids"]);
  });

  test("the fields list shows each definition with its option tree", async () => {
    const res = await call("GET", "/meta/va/fields");
    assert.equal(res.statusCode, 200);
    const dependent = res.json().find((f: { key: string }) => f.key === "dependent_field1");
    assert.equal(dependent.type, "002");
    assert.equal(dependent.name, "Dependent");
    assert.deepEqual(dependent.dict_list[0].children[0].children[0], {
      key: dependentPath[2],
      value: "a11",
      children: [],
    });
    assert.equal(res.json().find((f: { key: string }) => f.key === "drop_down1").type, "001");
    for (const key of [
      "id",
      "key",
      "name",
      "type",
      "dict_list",
      "required",
      "active",
      "create_at",
      "update_at",
    ])
      assert.ok(key in dependent, key);
  });
});
