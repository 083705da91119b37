import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { testDatabase } from "../../../test/setup.ts";
import type { Actor } from "../../domain/access.ts";
import type { EntryInput } from "../../domain/timeline/entry.ts";
import { createContact } from "../contacts.ts";
import { authenticate } from "../credentials.ts";
import { bootstrap } from "../workspaces.ts";
import { createCaseOnce } from "./create-case.ts";

const post = (serviceId: string): EntryInput => ({
  kind: "interaction",
  body: `post ${serviceId}`,
  origin: {
    service: "twitter",
    serviceId,
    linkUrl: null,
    contentType: "post",
    createdAt: null,
    author: null,
  },
});

describe("createCaseOnce on a real database", async () => {
  const db = await testDatabase();
  await bootstrap(db, "once-test-key");
  const actor = (await authenticate(db, "once-test-key")) as Actor;
  const ctx = { db, now: () => new Date("2026-03-01T10:00:00Z") };
  const requester = await createContact(ctx, actor, { name: "Resender" });

  test("concurrent resends of one create make one case and return it to every caller", async () => {
    const input = {
      title: "Lost parcel",
      requesterId: requester.id,
      timeline: [post("a"), post("b"), post("a")],
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => createCaseOnce(ctx, actor, input)));
    const numbers = new Set(results.map((r) => r.case.number));
    assert.equal(numbers.size, 1);
    assert.equal(results.filter((r) => !r.existed).length, 1);
    assert.equal(results.find((r) => !r.existed)!.entries.length, 2);
    const [row] = await db.query<{ n: number }>(
      "select count(*)::int as n from timeline_entries where case_number = $1",
      [[...numbers][0]],
    );
    assert.equal(row!.n, 2);
  });

  test("a create holding only some of the interactions, or none, is a new case", async () => {
    const first = await createCaseOnce(ctx, actor, {
      title: "Partial",
      requesterId: requester.id,
      timeline: [post("p1")],
    });
    const wider = await createCaseOnce(ctx, actor, {
      title: "Partial",
      requesterId: requester.id,
      timeline: [post("p1"), post("p2")],
    });
    assert.equal(wider.existed, false);
    assert.notEqual(wider.case.number, first.case.number);
    const bare = [
      await createCaseOnce(ctx, actor, { title: "No posts" }),
      await createCaseOnce(ctx, actor, { title: "No posts" }),
    ];
    assert.notEqual(bare[0]!.case.number, bare[1]!.case.number);
  });
});
