/** Finds the requester contact by email, or creates it, so a case can name its requester inline. */
import type { Actor } from "../../domain/access.ts";
import { creation } from "../../domain/audit/diff.ts";
import { CONTACT_FIELDS } from "../../domain/contacts/contact.ts";
import { invalid, unwrap } from "../../domain/errors.ts";
import { recordChanges } from "../../store/changes.ts";
import { insertContact, searchContacts } from "../../store/contacts.ts";
import type { Sql } from "../../store/db.ts";
import { actorOf, change } from "../context.ts";

export interface RequesterInput {
  email?: string;
  name?: string;
  phone?: string;
}

export async function resolveRequester(
  sql: Sql,
  actor: Actor,
  input: RequesterInput,
  now: Date,
): Promise<number> {
  if (!input.email)
    unwrap(invalid([{ field: "requester.email", message: "is required to find or create a requester" }]));
  const [existing] = await searchContacts(sql, actor.workspaceId, {
    email: input.email,
    afterId: null,
    limit: 1,
  });
  if (existing) return existing.id;
  const created = await insertContact(sql, actor.workspaceId, {
    name: input.name ?? "",
    email: input.email ?? null,
    phone: input.phone ?? null,
    accountId: null,
    handles: [],
    customFields: {},
    revision: 1,
    createdAt: now,
    updatedAt: now,
  });
  await recordChanges(sql, [
    change(
      actorOf(actor),
      actor.workspaceId,
      { type: "contact", id: created.id, revision: 1 },
      "created",
      creation(created, CONTACT_FIELDS),
      now,
      created,
    ),
  ]);
  return created.id;
}
