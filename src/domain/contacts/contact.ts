/** Contacts: the people cases are about (requesters, customers), with social handles and custom fields. */

import { diff, type FieldChange } from "../audit/diff.ts";
import { isEmailAddress } from "../email.ts";
import { type FieldError, invalid, ok, type Result } from "../errors.ts";
import type { FieldDefinition } from "../fields/definition.ts";
import { applyFieldValues } from "../fields/values.ts";
import { definedOnly } from "../partial.ts";

export interface SocialHandle {
  service: string;
  handle: string;
  serviceId: string | null;
  profileUrl: string | null;
}

export interface Contact {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  accountId: number | null;
  handles: SocialHandle[];
  customFields: Record<string, unknown>;
  /** A blocked contact receives no notifications and cannot be added to conversations. */
  blocked: boolean;
  /** The kinds of notification the contact has opted out of. */
  optOuts: string[];
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export type ContactChanges = Partial<
  Pick<Contact, "name" | "email" | "phone" | "accountId" | "handles" | "blocked" | "optOuts">
> & {
  customFields?: Record<string, unknown>;
};

export const CONTACT_FIELDS = [
  "name",
  "email",
  "phone",
  "accountId",
  "handles",
  "customFields",
  "blocked",
  "optOuts",
] as const;

/** The fields contact lists may filter and sort on. */
export type ContactQueryField = "id" | "name" | "email" | "blocked" | "createdAt" | "updatedAt";

export interface ContactRules {
  now: Date;
  definitions: readonly FieldDefinition[];
  mayWriteReadonly: boolean;
  unknownReferences: readonly string[];
}

function checkBasics(changes: ContactChanges, errors: FieldError[]) {
  if (changes.email && !isEmailAddress(changes.email))
    errors.push({ path: ["email"], message: "is not an email address" });
  const seen = new Set<string>();
  changes.handles?.forEach((handle, index) => {
    const key = `${handle.service.toLowerCase()}\u0000${handle.handle.toLowerCase()}`;
    if (seen.has(key)) errors.push({ path: ["handles", index], message: "repeats another handle" });
    seen.add(key);
  });
}

type NewContact = Omit<Contact, "id">;

/** Decides a new contact, or an update of `current` when given. */
export function decideContact(
  current: Contact | null,
  changes: ContactChanges,
  rules: ContactRules,
): Result<{ next: NewContact; changes: FieldChange[] }> {
  const errors: FieldError[] = rules.unknownReferences.map((field) => ({
    path: [field],
    message: "refers to a record that does not exist",
  }));
  checkBasics(changes, errors);
  const base: NewContact = current ?? {
    name: "",
    email: null,
    phone: null,
    accountId: null,
    handles: [],
    customFields: {},
    blocked: false,
    optOuts: [],
    revision: 0,
    createdAt: rules.now,
    updatedAt: rules.now,
  };
  const identified = {
    ...base,
    ...definedOnly(changes),
  };
  if (!identified.name?.trim() && !identified.email && !identified.phone && identified.handles.length === 0)
    errors.push({ path: ["name"], message: "a contact needs a name, an email, a phone number or a handle" });
  const fields = applyFieldValues(rules.definitions, base.customFields, changes.customFields ?? {}, {
    creating: current === null,
    mayWriteReadonly: rules.mayWriteReadonly,
  });
  if (!fields.ok) errors.push(...(fields.error.fields ?? []));
  if (errors.length) return invalid(errors);
  const next: NewContact = {
    ...identified,
    customFields: fields.ok ? fields.value : base.customFields,
  };
  const fieldChanges = diff(base, next, CONTACT_FIELDS);
  if (current && fieldChanges.length === 0) return ok({ next: current, changes: [] });
  return ok({ next: { ...next, revision: base.revision + 1, updatedAt: rules.now }, changes: fieldChanges });
}
