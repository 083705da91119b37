/** Looking contacts up the way social tools do: by searchable fields, and best match from a social profile. */
import type { Actor } from "../domain/access.ts";
import type { Contact } from "../domain/contacts/contact.ts";
import {
  type ContactCriteria,
  checkCriteria,
  normalizeProfile,
  rankMatches,
  type SocialProfile,
} from "../domain/contacts/match.ts";
import { unwrap } from "../domain/errors.ts";
import { visibleWhere } from "../domain/policy.ts";
import { matchCandidates, searchContacts } from "../store/contacts.ts";
import { listDefinitions } from "../store/fields.ts";
import type { OpContext } from "./context.ts";

/** Neither look-up pages: a look-up names a person, so more than this many answers says little. */
const LOOKUP_LIMIT = 100;
/** How many candidates sharing any fact are ranked. */
const CANDIDATES = 500;

/** Contacts whose every given fact and searchable custom field equals the criteria, oldest first. */
export async function searchContactsByFields(
  ctx: OpContext,
  actor: Actor,
  criteria: ContactCriteria,
): Promise<Contact[]> {
  const definitions = await listDefinitions(ctx.db, actor.workspaceId, "contact");
  const checked = unwrap(checkCriteria(definitions, criteria));
  const rows = await searchContacts(ctx.db, actor.workspaceId, {
    ...checked,
    visible: visibleWhere(actor, "contact"),
    afterId: null,
    limit: LOOKUP_LIMIT,
  });
  return rows.slice(0, LOOKUP_LIMIT);
}

/**
 * Contacts that share a handle, profile URL, email, phone number, order or account number (held in a searchable
 * custom field) or display name with the profile, best first.
 */
export async function bestMatchContacts(
  ctx: OpContext,
  actor: Actor,
  profile: SocialProfile,
): Promise<Contact[]> {
  const definitions = await listDefinitions(ctx.db, actor.workspaceId, "contact");
  const numberFields = definitions.filter((d) => d.active && d.searchable).map((d) => d.key);
  const probe = normalizeProfile(profile);
  const candidates = await matchCandidates(
    ctx.db,
    actor.workspaceId,
    { ...probe, numbers: [...probe.accountNumbers, ...probe.orderNumbers], numberFields },
    visibleWhere(actor, "contact"),
    CANDIDATES,
  );
  return rankMatches(candidates, probe, numberFields, LOOKUP_LIMIT);
}
