/** What an actor may see of a case and change on it, as the access policy decides; operations users are unrestricted. */
import type { Actor } from "../access.ts";
import { describe, type FieldError, fail, ok, type Result } from "../errors.ts";
import type { FieldDefinition } from "../fields/definition.ts";
import { can, canSee, isOperations } from "../policy.ts";
import type { EntryInput } from "../timeline/entry.ts";
import type { Case, CaseChanges } from "./case.ts";

export const seesField = (actor: Actor, definition: FieldDefinition) =>
  canSee(actor, {
    type: "field",
    hidden: definition.hidden,
    visibleToReporter: definition.visibleToReporter,
  });

/** Someone outside the operations account, for decisions about what every outsider may see. */
const OUTSIDER: Actor = {
  workspaceId: 0,
  userId: 0,
  label: "outsider",
  accountId: 0,
  accountType: "client",
  scopes: [],
  context: {},
};

/** Whether client and vendor users see a custom field (else it is for operations users only). */
export const outsidersSee = (definition: FieldDefinition) => seesField(OUTSIDER, definition);

/** The case as `actor` may see it: outsiders lose the awaiting flag and the custom fields hidden from them. */
export function redactCase(c: Case, actor: Actor, definitions: readonly FieldDefinition[]): Case {
  if (isOperations(actor)) return c;
  const visible = new Set(definitions.filter((d) => seesField(actor, d)).map((definition) => definition.key));
  return {
    ...c,
    awaiting: false,
    customFields: Object.fromEntries(Object.entries(c.customFields).filter(([key]) => visible.has(key))),
  };
}

/** Entries outsiders post are public unless they say otherwise (and they may not say internal). */
export function outsiderEntries(actor: Actor, entries: readonly EntryInput[]): EntryInput[] {
  return isOperations(actor)
    ? [...entries]
    : entries.map((entry) => ({ ...entry, visibility: entry.visibility ?? "public" }));
}

/** Only operations users flag cases, move them to another account, write hidden fields or post internal entries. */
export function checkWriteAccess(
  actor: Actor,
  changes: CaseChanges,
  entries: readonly EntryInput[],
  definitions: readonly FieldDefinition[],
): Result<true> {
  if (isOperations(actor)) return ok(true);
  const denied: FieldError[] = [];
  if (changes.awaiting !== undefined && !can(actor, "case.flag_awaiting"))
    denied.push({ path: ["awaiting"], message: "is set by operations users only" });
  if (changes.accountId !== undefined && changes.accountId !== actor.accountId)
    denied.push({ path: ["accountId"], message: "must be your own account" });
  const hidden = new Set(definitions.filter((d) => !seesField(actor, d)).map((definition) => definition.key));
  for (const key of Object.keys(changes.customFields ?? {}))
    if (hidden.has(key))
      denied.push({ path: ["customFields", key], message: "is not writable by your account" });
  entries.forEach((entry, index) => {
    if (entry.visibility === "internal" && !can(actor, "entry.internal"))
      denied.push({
        path: ["timeline", index, "visibility"],
        message: "internal entries are for operations users",
      });
  });
  return denied.length ? fail("forbidden", describe(denied), denied) : ok(true);
}
