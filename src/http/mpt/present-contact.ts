/** MPT notifications contacts from Casework contacts, with audit from the audit trail. */
import type { Contact } from "../../domain/contacts/contact.ts";
import type { contactEvents } from "../../ops/contacts.ts";
import { formatId } from "./ids.ts";
import { presentAudit, splitName } from "./present.ts";

type ContactDetails = Awaited<ReturnType<typeof contactEvents>>;

export const presentContact = (details: ContactDetails, c: Contact) => ({
  id: formatId("contact", c.id),
  revision: c.revision,
  name: c.name,
  ...splitName(c.name),
  email: c.email,
  status: c.blocked ? ("Blocked" as const) : ("Active" as const),
  optOuts: c.optOuts,
  audit: presentAudit(details.related, details.events.get(String(c.id)), c),
});
