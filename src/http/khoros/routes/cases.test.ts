import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  assertCaseShape,
  assertKhorosError,
  contactId,
  defineField,
  interaction,
  type KhorosCase,
  khoros,
} from "../../../../test/khoros.ts";
import { advance, historyOf } from "../../../../test/native.ts";
import { buildTestApp } from "../../../../test/setup.ts";
import { closeDueCases } from "../../../ops/cases/close-due-cases.ts";

describe("Khoros cases", async () => {
  const t = await buildTestApp();
  await defineField(t, {
    object: "case",
    key: "clubNo",
    label: "Club number",
    type: "select",
    options: [
      { value: "c1", label: "Club one" },
      { value: "c2", label: "Club two" },
    ],
  });
  await defineField(t, { object: "case", key: "vip", label: "VIP", type: "checkbox" });
  await defineField(t, { object: "case", key: "dueOn", label: "Due on", type: "date" });
  const customer = await contactId(t, { name: "Jane Doe", email: "jane@example.com" });

  const create = async (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    khoros(t, { method: "POST", url: "/case", payload, headers });

  const nativeCase = async (id: string) =>
    (await t.request({ method: "GET", url: `/api/v1/cases/${id}` })).json() as Record<string, unknown>;

  test("POST /case with the contract's payload creates the case: 201 and every required field", async () => {
    const res = await create({
      customerId: customer,
      title: "Order never arrived",
      interactions: [interaction("p-1")],
      clubNo: "c2",
    });
    assert.equal(res.statusCode, 201, res.body);
    const c = assertCaseShape(res.json());
    assert.equal(c.id, c.number);
    assert.equal(c.customerId, customer);
    assert.equal(c.title, "Order never arrived");
    assert.equal(c.description, "");
    assert.equal(c.status, "open");
    assert.equal(c.clubNo, "c2");
    assert.equal(c.url, `http://localhost:80/w/default/cases/${c.number}`);
    assert.equal(c.created, "2026-01-05T09:00:00.000Z");
    assert.deepEqual(c.interactions, [interaction("p-1")]);
  });

  test("a case created through Khoros is the same case through the native API, and back", async () => {
    const made = (
      await create({ customerId: customer, title: "Same case", interactions: [interaction("p-2")] })
    ).json() as KhorosCase;
    const native = await nativeCase(made.id);
    assert.equal(native.title, "Same case");
    assert.equal(native.requesterId, customer);
    const timeline = (
      await t.request({ method: "GET", url: `/api/v1/cases/${made.id}/timeline` })
    ).json() as { data: { kind: string; origin: { serviceId: string } }[] };
    assert.deepEqual(
      timeline.data.map((e) => [e.kind, e.origin.serviceId]),
      [["interaction", "p-2"]],
    );

    const created = await t.request({
      method: "POST",
      url: "/api/v1/cases",
      payload: {
        title: "From the console",
        requesterId: customer,
        status: "pending",
        customFields: { vip: true },
      },
    });
    const id = (created.json() as { id: string }).id;
    const seen = assertCaseShape((await khoros(t, { method: "GET", url: `/case/${id}` })).json());
    assert.equal(seen.title, "From the console");
    assert.equal(seen.status, "open");
    assert.equal(seen.vip, true);
    assert.deepEqual(seen.interactions, []);
  });

  test("GET /case/{id}: 200 with the case; unknown or malformed ids are 404 in the Khoros shape", async () => {
    const made = (await create({ customerId: customer, title: "Look me up" })).json() as KhorosCase;
    const res = await khoros(t, { method: "GET", url: `/case/${made.id}` });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(assertCaseShape(res.json()), made);
    for (const id of ["999999", "abc", "0", "1e3", "-1"])
      assertKhorosError(await khoros(t, { method: "GET", url: `/case/${id}` }), 404, "case_not_found");
  });

  test("PATCH /case/{id} appends interactions, never twice; a retried PATCH changes nothing (200)", async () => {
    const made = (
      await create({ customerId: customer, title: "Thread", interactions: [interaction("t-1")] })
    ).json() as KhorosCase;
    const patch = { interactions: [interaction("t-1"), interaction("t-2"), interaction("t-2")], vip: "true" };
    const first = await khoros(t, { method: "PATCH", url: `/case/${made.id}`, payload: patch });
    assert.equal(first.statusCode, 200, first.body);
    const updated = assertCaseShape(first.json());
    assert.deepEqual(
      updated.interactions.map((i) => i.serviceId),
      ["t-1", "t-2"],
    );
    assert.equal(updated.vip, true);
    const revision = (await nativeCase(made.id)).revision;
    const audits = (await historyOf(t, made.id)).length;

    advance(t, 60);
    const retry = await khoros(t, { method: "PATCH", url: `/case/${made.id}`, payload: patch });
    assert.equal(retry.statusCode, 200);
    assert.deepEqual(retry.json(), first.json());
    assert.equal((await nativeCase(made.id)).revision, revision);
    assert.equal((await historyOf(t, made.id)).length, audits);
  });

  test("a photo-only post (an interaction with an empty body) is recorded as it was made", async () => {
    const made = await create({
      customerId: customer,
      title: "Broken strap",
      interactions: [interaction("photo-1", { body: "" })],
    });
    assert.equal(made.statusCode, 201, made.body);
    const [photo] = assertCaseShape(made.json()).interactions;
    assert.equal(photo?.serviceId, "photo-1");
    assert.equal(photo?.body, "");
  });

  test("status closed resolves the case and open reopens it, through the one lifecycle", async () => {
    const made = (await create({ customerId: customer, title: "Lifecycle" })).json() as KhorosCase;
    const closed = await khoros(t, {
      method: "PATCH",
      url: `/case/${made.id}`,
      payload: { status: "closed" },
    });
    assert.equal(assertCaseShape(closed.json()).status, "closed");
    assert.equal((await nativeCase(made.id)).status, "resolved");
    const reopened = await khoros(t, {
      method: "PATCH",
      url: `/case/${made.id}`,
      payload: { status: "open" },
    });
    assert.equal(assertCaseShape(reopened.json()).status, "open");
    assert.equal((await nativeCase(made.id)).status, "open");

    // "open" on a case that is waiting on the requester leaves it waiting: it is open already.
    await t.request({ method: "PATCH", url: `/api/v1/cases/${made.id}`, payload: { status: "pending" } });
    await khoros(t, { method: "PATCH", url: `/case/${made.id}`, payload: { status: "open" } });
    assert.equal((await nativeCase(made.id)).status, "pending");
  });

  test("a closed case refuses every change with 422; POST /case may create it closed (resolved)", async () => {
    const made = (
      await create({ customerId: customer, title: "Done", status: "closed" })
    ).json() as KhorosCase;
    assert.equal(made.status, "closed");
    assert.equal((await nativeCase(made.id)).status, "resolved");
    advance(t, 5 * 24 * 3600);
    await closeDueCases({ db: t.db, now: () => new Date(t.clock.now) });
    assert.equal((await nativeCase(made.id)).status, "closed");
    for (const payload of [{ title: "again" }, { status: "open" }])
      assertKhorosError(
        await khoros(t, { method: "PATCH", url: `/case/${made.id}`, payload }),
        422,
        "case_closed",
      );
    assert.equal(
      assertCaseShape((await khoros(t, { method: "GET", url: `/case/${made.id}` })).json()).title,
      "Done",
    );
  });

  test("a post to a closed case opens a linked follow-up carrying it, returned in its place; a resend makes no second", async () => {
    const made = (
      await create({
        customerId: customer,
        title: "Shipped",
        interactions: [interaction("fu-1")],
        clubNo: "c1",
      })
    ).json() as KhorosCase;
    await khoros(t, { method: "PATCH", url: `/case/${made.id}`, payload: { status: "closed" } });
    advance(t, 5 * 24 * 3600);
    await closeDueCases({ db: t.db, now: () => new Date(t.clock.now) });
    const closedBefore = await nativeCase(made.id);
    assert.equal(closedBefore.status, "closed");
    const post = { interactions: [interaction("fu-2")] };
    const res = await khoros(t, { method: "PATCH", url: `/case/${made.id}`, payload: post });
    assert.equal(res.statusCode, 200, res.body);
    const followUp = assertCaseShape(res.json());
    assert.notEqual(followUp.id, made.id);
    assert.equal(followUp.status, "open");
    assert.equal(followUp.title, "Shipped");
    assert.equal(followUp.customerId, customer);
    assert.deepEqual(followUp.interactions, [interaction("fu-2")]);
    const native = await nativeCase(followUp.id);
    assert.equal(native.parentId, made.id);
    assert.deepEqual(await nativeCase(made.id), closedBefore, "the closed case is unchanged");
    const resent = await khoros(t, { method: "PATCH", url: `/case/${made.id}`, payload: post });
    assert.equal(resent.statusCode, 200, resent.body);
    assert.equal(resent.json().id, followUp.id);
    const subcases = await t.request({ method: "GET", url: `/api/v1/cases?parentId=${made.id}` });
    assert.equal(subcases.json().data.length, 1);
  });

  test("400 names every bad field: missing title and customerId, wrong types, a bad date", async () => {
    const res = await create({
      description: 42,
      status: "pending",
      interactions: [{ ...interaction("x"), created: "yesterday", brandOwned: true }],
    });
    assertKhorosError(res, 400, "validation_failed", [
      "title",
      "customerId",
      "description",
      "status",
      "interactions.0.created",
      "interactions.0.brandOwned",
    ]);
    assertKhorosError(
      await create({
        customerId: customer,
        title: "x",
        interactions: [{ ...interaction("y"), serviceId: "" }],
      }),
      400,
      "validation_failed",
      ["interactions.0.serviceId"],
    );
  });

  test("400 names bad custom values, undeclared properties and an unknown customer", async () => {
    assertKhorosError(
      await create({ customerId: "98765", title: "x", clubNo: "c9", vip: "maybe" }),
      400,
      "validation_failed",
      ["customerId", "clubNo", "vip"],
    );
    // dueOn exists in Casework, but as a date Khoros cannot show it: it is not declared, so not writable here.
    assertKhorosError(
      await create({ customerId: customer, title: "x", dueOn: "2026-02-01", color: "red" }),
      400,
      "validation_failed",
      ["dueOn", "color"],
    );
    assertKhorosError(await create({ customerId: customer, title: "   " }), 400, "validation_failed", [
      "title",
    ]);
    const made = (await create({ customerId: customer, title: "Patch me" })).json() as KhorosCase;
    assertKhorosError(
      await khoros(t, {
        method: "PATCH",
        url: `/case/${made.id}`,
        payload: { clubNo: 3, customerId: "abc" },
      }),
      400,
      "validation_failed",
      ["clubNo", "customerId"],
    );
    assertKhorosError(
      await khoros(t, { method: "PATCH", url: "/case/424242", payload: { title: "x" } }),
      404,
      "case_not_found",
    );
  });

  test("read-only case properties echoed back are ignored", async () => {
    const made = (await create({ customerId: customer, title: "Echo" })).json() as KhorosCase;
    const res = await khoros(t, {
      method: "PATCH",
      url: `/case/${made.id}`,
      payload: { ...made, title: "Echoed", id: "1", number: "1", url: "https://elsewhere.example" },
    });
    assert.equal(res.statusCode, 200, res.body);
    const c = assertCaseShape(res.json());
    assert.equal(c.id, made.id);
    assert.equal(c.title, "Echoed");
  });

  test("a resent POST /case whose interactions are on the case it made returns that case (200), once", async () => {
    const payload = {
      customerId: customer,
      title: "Resent",
      interactions: [interaction("r-1"), interaction("r-2")],
    };
    const first = await create(payload);
    assert.equal(first.statusCode, 201);
    const again = await Promise.all([create(payload), create(payload)]);
    for (const res of again) {
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), first.json());
    }
    // The same post filed as a different case (another title) is a new case.
    const other = await create({ ...payload, title: "A second case about it" });
    assert.equal(other.statusCode, 201);
    assert.notEqual((other.json() as KhorosCase).id, (first.json() as KhorosCase).id);
  });

  test("an Idempotency-Key, when sent, replays the first response", async () => {
    const headers = { "idempotency-key": "khoros-create-1" };
    const first = await create({ customerId: customer, title: "Keyed" }, headers);
    assert.equal(first.statusCode, 201);
    const replay = await create({ customerId: customer, title: "Keyed" }, headers);
    assert.equal(replay.statusCode, 201);
    assert.equal(replay.headers["idempotent-replayed"], "true");
    assert.deepEqual(replay.json(), first.json());
    assertKhorosError(
      await create({ customerId: customer, title: "Other" }, headers),
      422,
      "idempotency_key_reused",
    );
  });

  test("GET /customer/{id}/cases lists the customer's cases, newest first; unknown customer 404", async () => {
    const other = await contactId(t, { name: "Someone Else" });
    const a = (
      await create({ customerId: other, title: "first", interactions: [interaction("o-1")] })
    ).json() as KhorosCase;
    const b = (await create({ customerId: other, title: "second" })).json() as KhorosCase;
    const res = await khoros(t, { method: "GET", url: `/customer/${other}/cases` });
    assert.equal(res.statusCode, 200);
    const cases = (res.json() as unknown[]).map(assertCaseShape);
    assert.deepEqual(
      cases.map((c) => c.id),
      [b.id, a.id],
    );
    assert.equal(cases[1]!.interactions.length, 1);
    const empty = await contactId(t, { name: "No cases" });
    assert.deepEqual((await khoros(t, { method: "GET", url: `/customer/${empty}/cases` })).json(), []);
    assertKhorosError(
      await khoros(t, { method: "GET", url: "/customer/987654/cases" }),
      404,
      "contact_not_found",
    );
  });
});
