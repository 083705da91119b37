/**
 * The object access matrix: every object type × every account type × list / read / write, through every
 * dialect route that names the object, generated from the table in test/object-routes.ts. Each caller holds
 * an admin key, the strongest credential of its account: a client or vendor user still sees only its own
 * account's records and what is not internal or hidden, and is refused what is for operations users only.
 * Every refusal changes nothing.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ACCOUNT_TYPES, type AccountType } from "../src/domain/access.ts";
import { fingerprint } from "../test/fingerprint.ts";
import { assertProblem } from "../test/native.ts";
import { objectFixture } from "../test/object-fixture.ts";
import { OBJECT_TYPES, type ObjectRoute, type SeededRecord } from "../test/object-routes.ts";

describe("object access matrix", async () => {
  const f = await objectFixture();
  const send = (route: ObjectRoute, record: SeededRecord["record"], caller: AccountType) => {
    const [headers] = route.dialect.credentials(f.keys[caller]);
    const payload = route.payload?.(record);
    return f.t.app.inject({
      method: route.method,
      url: route.url(record),
      headers: headers!,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  };
  const label = (route: ObjectRoute, record: SeededRecord["record"]) =>
    `${route.dialect.name} ${route.method} ${route.url(record)}`;

  // Operations users go last: their writes succeed, and the refusals before them are checked on a still seed.
  const callers = [...ACCOUNT_TYPES].sort((a, b) => Number(a === "operations") - Number(b === "operations"));
  for (const object of OBJECT_TYPES)
    for (const route of object.routes)
      for (const caller of callers)
        test(`${object.name} ${route.operation} ${route.dialect.name} ${route.method} as ${caller}`, async () => {
          const records = object.records(f);
          const refused = caller !== "operations" && object.operationsOnly.includes(route.operation);
          // A list of the whole workspace is asked once; a record's route (or a case's list) once per record.
          const asked = route.operation === "list" && !route.ofCase ? records.slice(0, 1) : records;
          for (const { record, caseSeenBy } of asked) {
            const before = await fingerprint(f.t.db);
            const res = await send(route, record, caller);
            const what = label(route, record);
            if (refused) {
              assert.equal(res.statusCode, 403, `${what}: ${res.body}`);
              route.dialect.assertError(res, 403, "forbidden");
              assert.deepEqual(await fingerprint(f.t.db), before, `${what} changed something`);
              continue;
            }
            if (route.operation === "list") {
              if (route.ofCase && !caseSeenBy!.includes(caller)) {
                assert.equal(res.statusCode, 404, `${what}: ${res.body}`);
                route.dialect.assertError(res, 404, "case_not_found");
                continue;
              }
              assert.equal(res.statusCode, 200, `${what}: ${res.body}`);
              // Every record the list could hold is there exactly when the caller may see it.
              const listed = route.ofCase
                ? records.filter((r) => r.record.caseId === record.caseId)
                : records;
              for (const other of listed) {
                const evidence = (route.evidence ?? ((r) => r.marker))(other.record);
                const sees = other.seenBy.includes(caller);
                assert.equal(
                  res.body.includes(evidence),
                  sees,
                  `${what} ${sees ? "lacks" : "shows"} ${evidence}`,
                );
              }
              continue;
            }
            const seen = records.find((r) => r.record === record)!.seenBy.includes(caller);
            if (seen) {
              assert.ok(res.statusCode < 300, `${what}: ${res.statusCode} ${res.body}`);
              const evidence = (route.evidence ?? ((r) => r.marker))(record);
              if (route.operation === "read")
                assert.ok(res.body.includes(evidence), `${what} lacks ${evidence}`);
            } else {
              assert.equal(res.statusCode, 404, `${what}: ${res.body}`);
              route.dialect.assertError(res, 404, route.notFound ?? object.notFound);
              assert.deepEqual(await fingerprint(f.t.db), before, `${what} changed something`);
            }
          }
        });

  test("a write naming a record the caller may not see is refused as if that record did not exist; contacts stay in the caller's account", async () => {
    const named = [
      { field: "queueId", value: f.queues.vendorInternal.id },
      { field: "queueId", value: f.queues.operationsInternal.id },
      { field: "requesterId", value: f.contacts.otherClient.id },
      { field: "requesterId", value: f.contacts.vendor.id },
      { field: "parentId", value: f.cases.vendor.id },
      { field: "parentId", value: f.cases.operations.id },
    ];
    for (const { field, value } of named) {
      const before = await fingerprint(f.t.db);
      const payload = { title: "Naming another account's record", [field]: String(value) };
      const created = await f.t.request({
        method: "POST",
        url: "/api/v1/cases",
        payload,
        key: f.keys.client,
      });
      assertProblem(created, 400, "validation_failed");
      assert.match(created.body, new RegExp(`${field}.*does not exist`), created.body);
      const changed = await f.t.request({
        method: "PATCH",
        url: `/api/v1/cases/${f.cases.client.id}`,
        payload: { [field]: String(value) },
        key: f.keys.client,
      });
      assertProblem(changed, 400, "validation_failed");
      assert.deepEqual(await fingerprint(f.t.db), before, `${field} ${value} changed something`);
    }
    // A contact stays in the caller's account: another account is not there for it, and no account is refused.
    const before = await fingerprint(f.t.db);
    const elsewhere = await f.t.request({
      method: "POST",
      url: "/api/v1/contacts",
      payload: { name: "Elsewhere", accountId: String(f.accounts.vendor.id) },
      key: f.keys.client,
    });
    assertProblem(elsewhere, 400, "validation_failed");
    assert.match(elsewhere.body, /accountId.*does not exist/);
    const unowned = await f.t.request({
      method: "PATCH",
      url: `/api/v1/contacts/${f.contacts.client.id}`,
      payload: { accountId: null },
      key: f.keys.client,
    });
    assertProblem(unowned, 403, "forbidden");
    assert.match(unowned.body, /accountId/);
    assert.deepEqual(await fingerprint(f.t.db), before);
    const created = await f.t.request({
      method: "POST",
      url: "/api/v1/contacts",
      payload: { name: "Mine" },
      key: f.keys.client,
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().accountId, String(f.accounts.client.id));
    // What the client may see it may name: its own internal queue and its own contact.
    const own = await f.t.request({
      method: "POST",
      url: "/api/v1/cases",
      payload: {
        title: "Naming its own",
        queueId: String(f.queues.clientInternal.id),
        requesterId: String(f.contacts.client.id),
      },
      key: f.keys.client,
    });
    assert.equal(own.statusCode, 201, own.body);
  });

  test("the table covers every account type, and each type sees something of every object it may read", () => {
    for (const object of OBJECT_TYPES)
      for (const caller of ACCOUNT_TYPES) {
        if (object.operationsOnly.length && caller !== "operations") continue;
        assert.ok(
          object.records(f).some((r) => r.seenBy.includes(caller)),
          `${caller} sees no ${object.name}: the matrix would prove only refusals`,
        );
      }
  });
});
