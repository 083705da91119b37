/** Finds the requester contact by email, or creates it, so a case can name its requester inline. */
import type { Actor } from "../../domain/access.ts";
import { invalid, unwrap } from "../../domain/errors.ts";
import { visibleWhere } from "../../domain/policy.ts";
import { searchContacts } from "../../store/contacts.ts";
import type { Sql } from "../../store/db.ts";
import { createContact } from "../contacts.ts";

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
    unwrap(invalid([{ path: ["requester", "email"], message: "is required to find or create a requester" }]));
  const [existing] = await searchContacts(sql, actor.workspaceId, {
    email: input.email,
    visible: visibleWhere(actor, "contact"),
    afterId: null,
    limit: 1,
  });
  if (existing) return existing.id;
  const created = await createContact({ db: sql, now: () => now }, actor, {
    name: input.name ?? "",
    email: input.email,
    ...(input.phone ? { phone: input.phone } : {}),
  });
  return created.id;
}
