import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { contactId, defineField, interaction, khoros } from "../../test/khoros.ts";
import { buildTestApp, type TestApp, testDatabase } from "../../test/setup.ts";
import type { Visibility } from "../domain/policy.ts";
import type { Database } from "../store/db.ts";
import { listDefinitions } from "../store/fields.ts";
import { workspaceReads } from "./workspace-reads.ts";

const isSettingsRead = (text: string) => text.includes("from workspaces where id = $1");
const isDefinitionsRead = (text: string) => /^select id, object, key, label/.test(text);

/** The database, keeping the statements made through it. */
function counting(db: Database, statements: string[]): Database {
  return {
    ...db,
    query: (text, params) => {
      statements.push(text);
      return db.query(text, params);
    },
  };
}

// The set-up runs in before(): tests declared after an await in a describe body are not always its own.
describe("shared reads of workspace settings and field definitions", () => {
  const statements: string[] = [];
  const count = (is: (text: string) => boolean) => statements.filter(is).length;
  let t: TestApp;
  let workspaceId: number;
  before(async () => {
    t = await buildTestApp({ db: counting(await testDatabase(), statements) });
    await defineField(t, { object: "case", key: "shared_order", label: "Order", type: "text" });
    await defineField(t, {
      object: "case",
      key: "shared_secret",
      label: "Secret",
      type: "text",
      hidden: true,
    });
    await defineField(t, { object: "contact", key: "shared_tier", label: "Tier", type: "text" });
    const [workspace] = await t.db.query<{ id: number }>("select id from workspaces order by id limit 1");
    workspaceId = workspace!.id;
  });

  test("asks of one workspace made together share one query each, and each caller gets its own list", async () => {
    const reads = workspaceReads(t.db);
    statements.length = 0;
    const [settings, again, missing, cases, casesAgain, all] = await Promise.all([
      reads.settings(workspaceId),
      reads.settings(workspaceId),
      reads.settings(workspaceId + 1_000),
      reads.definitions(workspaceId, "case", null),
      reads.definitions(workspaceId, "case", null),
      reads.definitions(workspaceId, undefined, null),
    ]);
    assert.equal(count(isSettingsRead), 2, "one per workspace");
    assert.equal(count(isDefinitionsRead), 2, "one per object");
    assert.equal(settings!.id, workspaceId);
    assert.deepEqual(again, settings);
    assert.equal(missing, null);
    assert.deepEqual(cases, await listDefinitions(t.db, workspaceId, "case"));
    assert.deepEqual(all, await listDefinitions(t.db, workspaceId));
    assert.deepEqual(casesAgain, cases);
    assert.notEqual(casesAgain, cases);
    assert.deepEqual(
      cases.map((d) => d.key).filter((key) => key.startsWith("shared_")),
      ["shared_order", "shared_secret"],
    );
  });

  test("definitions within another visibility are read apart", async () => {
    const reads = workspaceReads(t.db);
    statements.length = 0;
    const outsider: Visibility<"field"> = { field: "hidden", op: "eq", value: false };
    const [everything, visible] = await Promise.all([
      reads.definitions(workspaceId, "case", null),
      reads.definitions(workspaceId, "case", outsider),
    ]);
    assert.equal(count(isDefinitionsRead), 2);
    assert.ok(everything.some((d) => d.key === "shared_secret"));
    assert.ok(!visible.some((d) => d.key === "shared_secret"));
  });

  test("concurrent Khoros creates share the reads of their view, and each is answered as it was made", async () => {
    const customerId = await contactId(t, { name: "Shared view contact" });
    // The key is remembered first, so that the creates are not spread over turns by looking it up.
    assert.equal((await khoros(t, { method: "GET", url: "/case/999999" })).statusCode, 404);
    statements.length = 0;
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        khoros(t, {
          method: "POST",
          url: "/case",
          payload: {
            customerId,
            title: `Shared view ${i}`,
            shared_order: `order ${i}`,
            interactions: [interaction(`shared-view-${i}`)],
          },
        }),
      ),
    );
    assert.ok(count(isDefinitionsRead) < responses.length, `${count(isDefinitionsRead)} definition reads`);
    assert.ok(count(isSettingsRead) < responses.length, `${count(isSettingsRead)} settings reads`);
    for (const [i, res] of responses.entries()) {
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      assert.equal(body.title, `Shared view ${i}`);
      assert.equal(body.shared_order, `order ${i}`);
      assert.match(body.url, new RegExp(`/cases/${body.id}$`));
      assert.equal(body.interactions.length, 1);
    }
  });
});
