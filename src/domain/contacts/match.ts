/** Finding contacts from what a social profile says: exact search by searchable fields, and best-match ranking. */
import { type FieldError, invalid, ok, type Result } from "../errors.ts";
import type { FieldDefinition } from "../fields/definition.ts";
import type { Contact } from "./contact.ts";

/** An exact search: built-in facts and searchable custom fields, all of which must match. */
export interface ContactCriteria {
  name?: string;
  email?: string;
  phone?: string;
  customFields?: Record<string, unknown>;
}

/** Only active searchable fields may be searched, with scalar values; an empty search is refused. */
export function checkCriteria(
  definitions: readonly FieldDefinition[],
  criteria: ContactCriteria,
): Result<ContactCriteria> {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(criteria.customFields ?? {})) {
    const path = ["customFields", key];
    const definition = byKey.get(key);
    if (!definition?.active) errors.push({ path, message: "is not a defined field" });
    else if (!definition.searchable) errors.push({ path, message: "is not searchable" });
    else if (!["string", "number", "boolean"].includes(typeof value))
      errors.push({ path, message: "must be a single value" });
  }
  const given = [criteria.name, criteria.email, criteria.phone].filter((value) => value !== undefined);
  if (given.length === 0 && Object.keys(criteria.customFields ?? {}).length === 0)
    errors.push({ path: ["body"], message: "send at least one searchable field" });
  return errors.length ? invalid(errors) : ok(criteria);
}

/** What a social network tells about a person (every part optional). */
export interface SocialProfile {
  displayName?: string;
  screenName?: string;
  profileUrl?: string;
  email?: string;
  phoneNumbers?: string[];
  orderNumbers?: string[];
  accountNumbers?: string[];
}

/** How much each kind of agreement says that a contact is the person: identifiers over names. */
export const MATCH_WEIGHTS = {
  profileUrl: 100,
  screenName: 80,
  email: 60,
  phone: 50,
  accountNumber: 40,
  orderNumber: 30,
  displayName: 20,
} as const;

const lower = (value: string | null | undefined) => (value ?? "").trim().toLowerCase();
const handleOf = (value: string | null | undefined) => lower(value).replace(/^@+/, "");
const digitsOf = (value: string | null | undefined) => (value ?? "").replace(/[^0-9]/g, "");
const present = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];

export interface NormalizedProfile {
  handles: string[];
  profileUrls: string[];
  emails: string[];
  phoneDigits: string[];
  names: string[];
  accountNumbers: string[];
  orderNumbers: string[];
}

/** The profile in the form contacts are compared in; empty values drop out so they match nothing. */
export function normalizeProfile(profile: SocialProfile): NormalizedProfile {
  const trimmed = (values: string[] | undefined) => present((values ?? []).map((value) => value.trim()));
  return {
    handles: present([handleOf(profile.screenName)]),
    profileUrls: present([lower(profile.profileUrl)]),
    emails: present([lower(profile.email)]),
    phoneDigits: present((profile.phoneNumbers ?? []).map(digitsOf)),
    names: present([lower(profile.displayName)]),
    accountNumbers: trimmed(profile.accountNumbers),
    orderNumbers: trimmed(profile.orderNumbers),
  };
}

/** The sum of the weights of every kind of fact the contact shares with the profile. */
export function matchScore(
  contact: Contact,
  probe: NormalizedProfile,
  numberFields: readonly string[],
): number {
  const numbers = numberFields
    .map((key) => contact.customFields[key])
    .filter((value) => value !== null && value !== undefined)
    .map((value) => String(value).trim());
  const agreements: [keyof typeof MATCH_WEIGHTS, boolean][] = [
    ["profileUrl", contact.handles.some((h) => probe.profileUrls.includes(lower(h.profileUrl)))],
    ["screenName", contact.handles.some((h) => probe.handles.includes(handleOf(h.handle)))],
    ["email", probe.emails.includes(lower(contact.email))],
    ["phone", probe.phoneDigits.includes(digitsOf(contact.phone))],
    ["accountNumber", numbers.some((n) => probe.accountNumbers.includes(n))],
    ["orderNumber", numbers.some((n) => probe.orderNumbers.includes(n))],
    ["displayName", probe.names.includes(lower(contact.name))],
  ];
  return agreements.reduce((score, [kind, agrees]) => score + (agrees ? MATCH_WEIGHTS[kind] : 0), 0);
}

/** Contacts that match at all, best first (ties: the older contact first), at most `limit`. */
export function rankMatches(
  candidates: readonly Contact[],
  probe: NormalizedProfile,
  numberFields: readonly string[],
  limit: number,
): Contact[] {
  return candidates
    .map((contact) => ({ contact, score: matchScore(contact, probe, numberFields) }))
    .filter((scored) => scored.score > 0)
    .sort((a, b) => b.score - a.score || a.contact.id - b.contact.id)
    .slice(0, limit)
    .map((scored) => scored.contact);
}
