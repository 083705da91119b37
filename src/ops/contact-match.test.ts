import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { testDatabase } from "../../test/setup.ts";
import type { Actor } from "../domain/access.ts";
import type { Failure } from "../domain/errors.ts";
import { createField } from "./admin/fields.ts";
import { createCase } from "./cases/create-case.ts";
import { bestMatchContacts, searchContactsByFields } from "./contact-match.ts";
import { casesOfContact, createContact } from "./contacts.ts";
import { authenticate } from "./credentials.ts";
import { bootstrap } from "./workspaces.ts";

describe("contact look-ups on a real database", async () => {
  const db = await testDatabase();
  await bootstrap(db, "match-test-key");
  const actor = (await authenticate(db, "match-test-key")) as Actor;
  const ctx = { db, now: () => new Date("2026-03-01T10:00:00Z") };
  await createField(ctx, actor, {
    object: "contact",
    key: "account",
    label: "Account",
    type: "text",
    searchable: true,
  });
  await createField(ctx, actor, { object: "contact", key: "note", label: "Note", type: "text" });
  const ann = await createContact(ctx, actor, {
    name: "Ann",
    phone: "+44 20 7946 0000",
    customFields: { account: "ACC-1", note: "ACC-9" },
    handles: [{ service: "instagram", handle: "ann.photos", serviceId: null, profileUrl: null }],
  });
  const bob = await createContact(ctx, actor, { name: "Bob", email: "Bob@Example.com" });

  test("search matches every given fact exactly (names and emails case-insensitively)", async () => {
    assert.deepEqual(
      (await searchContactsByFields(ctx, actor, { customFields: { account: "ACC-1" } })).map((c) => c.id),
      [ann.id],
    );
    assert.deepEqual(
      (await searchContactsByFields(ctx, actor, { email: "bob@example.com", name: "BOB" })).map((c) => c.id),
      [bob.id],
    );
    assert.deepEqual(await searchContactsByFields(ctx, actor, { name: "Bob", email: "ann@example.com" }), []);
    await assert.rejects(
      searchContactsByFields(ctx, actor, { customFields: { note: "ACC-9" } }),
      (error: Failure) =>
        error.code === "validation_failed" && error.fields[0]?.path.join(".") === "customFields.note",
    );
  });

  test("best match finds by handle, phone digits and searchable-field numbers, never by unsearchable ones", async () => {
    const ids = async (profile: Parameters<typeof bestMatchContacts>[2]) =>
      (await bestMatchContacts(ctx, actor, profile)).map((c) => c.id);
    assert.deepEqual(await ids({ screenName: "@Ann.Photos" }), [ann.id]);
    assert.deepEqual(await ids({ phoneNumbers: ["442079460000"] }), [ann.id]);
    assert.deepEqual(await ids({ accountNumbers: ["ACC-1"] }), [ann.id]);
    assert.deepEqual(await ids({ orderNumbers: ["ACC-9"] }), []);
    assert.deepEqual(await ids({ email: "BOB@example.com", displayName: "Ann" }), [bob.id, ann.id]);
  });

  test("a contact's cases, newest first; an unknown contact is contact_not_found", async () => {
    const first = await createCase(ctx, actor, { title: "one", requesterId: ann.id });
    const second = await createCase(ctx, actor, { title: "two", requesterId: ann.id });
    assert.deepEqual(
      (await casesOfContact(ctx, actor, ann.id, 10)).map((c) => c.number),
      [second.case.number, first.case.number],
    );
    await assert.rejects(
      casesOfContact(ctx, actor, 99999, 10),
      (error: Failure) => error.code === "contact_not_found",
    );
  });
});
