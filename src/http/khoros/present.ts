/** Presenters: cases, interactions and contacts in the Khoros wire shape (ids as strings, ISO 8601 instants). */
import type { Case } from "../../domain/cases/case.ts";
import { statusCategory } from "../../domain/cases/status.ts";
import type { Contact } from "../../domain/contacts/contact.ts";
import type { FieldDefinition } from "../../domain/fields/definition.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import { customProperties } from "./fields.ts";

/** Where a person opens a case or a customer in Casework. */
export interface Links {
  caseUrl(number: number): string;
  customerUrl(id: number): string;
}

/** Khoros knows open and closed: every unresolved status is open, resolved and closed are closed. */
const khorosStatus = (c: Case) => (statusCategory(c.status) === "unresolved" ? "open" : "closed");

/** Interactions recorded without an origin detail (through another API) show it as an empty string. */
function presentInteraction(e: TimelineEntry) {
  const origin = e.origin;
  return {
    created: (origin?.createdAt ?? e.createdAt).toISOString(),
    body: e.body,
    linkUrl: origin?.linkUrl ?? "",
    serviceId: origin?.serviceId ?? "",
    service: origin?.service ?? "",
    contentType: origin?.contentType ?? "",
    ...(origin?.author ? { author: origin.author } : {}),
  };
}

export function presentCase(
  c: Case,
  interactions: readonly TimelineEntry[],
  declared: readonly FieldDefinition[],
  links: Links,
) {
  return {
    ...customProperties(c.customFields, declared),
    id: String(c.number),
    number: String(c.number),
    customerId: c.requesterId === null ? "" : String(c.requesterId),
    title: c.title,
    description: c.description,
    url: links.caseUrl(c.number),
    lastUpdated: c.updatedAt.toISOString(),
    created: c.createdAt.toISOString(),
    status: khorosStatus(c),
    interactions: interactions.map(presentInteraction),
  };
}

export function presentCustomer(contact: Contact, declared: readonly FieldDefinition[], links: Links) {
  const facts = { name: contact.name || null, email: contact.email, phone: contact.phone };
  return {
    ...customProperties(contact.customFields, declared),
    ...Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== null)),
    id: String(contact.id),
    url: links.customerUrl(contact.id),
  };
}
