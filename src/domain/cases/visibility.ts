/** What client and vendor users may see of a case and change on it; operations users are unrestricted. */
import { type Actor, seesInternal } from "../access.ts";
import { type FieldError, fail, ok, type Result } from "../errors.ts";
import type { FieldDefinition } from "../fields/definition.ts";
import type { EntryInput } from "../timeline/entry.ts";
import type { Case, CaseChanges } from "./case.ts";

/** Custom fields a client or vendor user may see and write: not hidden, and shown to reporters. */
export const visibleToOutsiders = (definition: FieldDefinition) =>
  !definition.hidden && definition.visibleToReporter;

/** The case as `actor` may see it: outsiders lose hidden custom fields. */
export function redactCase(c: Case, actor: Actor, definitions: readonly FieldDefinition[]): Case {
  if (seesInternal(actor)) return c;
  const visible = new Set(definitions.filter(visibleToOutsiders).map((definition) => definition.key));
  return {
    ...c,
    awaiting: false,
    customFields: Object.fromEntries(Object.entries(c.customFields).filter(([key]) => visible.has(key))),
  };
}

/** Entries outsiders post are public unless they say otherwise (and they may not say internal). */
export function outsiderEntries(actor: Actor, entries: readonly EntryInput[]): EntryInput[] {
  return seesInternal(actor)
    ? [...entries]
    : entries.map((entry) => ({ ...entry, visibility: entry.visibility ?? "public" }));
}

/** Outsiders cannot flag cases, move them to another account, write hidden fields or post internal entries. */
export function checkWriteAccess(
  actor: Actor,
  changes: CaseChanges,
  entries: readonly EntryInput[],
  definitions: readonly FieldDefinition[],
): Result<true> {
  if (seesInternal(actor)) return ok(true);
  const denied: FieldError[] = [];
  if (changes.awaiting !== undefined)
    denied.push({ field: "awaiting", message: "is set by operations users only" });
  if (changes.accountId !== undefined && changes.accountId !== actor.accountId)
    denied.push({ field: "accountId", message: "must be your own account" });
  const hidden = new Set(
    definitions.filter((d) => !visibleToOutsiders(d)).map((definition) => definition.key),
  );
  for (const key of Object.keys(changes.customFields ?? {}))
    if (hidden.has(key))
      denied.push({ field: `customFields.${key}`, message: "is not writable by your account" });
  entries.forEach((entry, index) => {
    if (entry.visibility === "internal")
      denied.push({
        field: `timeline.${index}.visibility`,
        message: "internal entries are for operations users",
      });
  });
  return denied.length
    ? fail("forbidden", denied.map((d) => `${d.field}: ${d.message}`).join("; "), denied)
    : ok(true);
}
