/**
 * What of an event an actor may see, asked of the one access policy, as reads do: another account's cases and
 * contacts are not there, nor internal entries, the awaiting flag or hidden fields for outsiders; changes to
 * the administered objects only for those who may manage them.
 */
import type { Actor } from "../access.ts";
import type { FieldChange } from "../audit/diff.ts";
import type { Case } from "../cases/case.ts";
import { redactCase } from "../cases/visibility.ts";
import type { FieldDefinition } from "../fields/definition.ts";
import { type Action, can, canSee, isOperations } from "../policy.ts";
import type { EventMessage } from "./event.ts";

/** Who may hear of changes to each administered object: whoever may manage it. */
const MANAGED_BY: Record<string, Action> = {
  field: "directory.manage",
  field_group: "directory.manage",
  queue: "directory.manage",
  form: "form.manage",
  account: "directory.manage",
  user: "directory.manage",
  key: "key.manage",
  workspace: "workspace.manage",
  webhook: "webhook.manage",
};

const accountOf = (object: unknown): number | null =>
  object && typeof object === "object" && "accountId" in object
    ? ((object.accountId as number | null) ?? null)
    : null;

function pick(value: unknown, keys: Set<string>): unknown {
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => keys.has(key)));
}

/** A case event as an outsider sees it; null when nothing of it is theirs to see. */
function outsiderCaseEvent(
  actor: Actor,
  message: EventMessage,
  definitions: readonly FieldDefinition[],
): EventMessage | null {
  const object = message.data.object as Case;
  const visibleFields = new Set(
    definitions
      .filter((d) =>
        canSee(actor, { type: "field", hidden: d.hidden, visibleToReporter: d.visibleToReporter }),
      )
      .map((d) => d.key),
  );
  const entries = (message.data.entries ?? []).filter((entry) =>
    canSee(actor, { type: "entry", visibility: (entry as { visibility: "public" | "internal" }).visibility }),
  );
  const entryIds = new Set(entries.map((entry) => (entry as { id: number }).id));
  // Edits name entries by id only, without their visibility: outsiders are not told of them.
  const changes = message.data.changes.flatMap((c): FieldChange[] => {
    if (c.field === "awaiting" || c.field.startsWith("timeline.")) return [];
    if (c.field === "customFields") {
      const before = pick(c.before, visibleFields);
      const after = pick(c.after, visibleFields);
      return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: c.field, before, after }];
    }
    if (c.field === "timeline") {
      const after = (c.after as number[]).filter((id) => entryIds.has(id));
      return after.length ? [{ ...c, after }] : [];
    }
    return [c];
  });
  if (changes.length === 0 && message.data.changes.length > 0) return null;
  return {
    ...message,
    topics: message.topics.filter(
      (topic) => topic !== "timeline.edited" && (topic !== "timeline.added" || entries.length > 0),
    ),
    data: {
      object: redactCase(object, actor, definitions),
      changes,
      ...(entries.length ? { entries } : {}),
    },
  };
}

/** The event as `actor` may see it, or null. `definitions` are the workspace's case field definitions. */
export function eventFor(
  actor: Actor,
  message: EventMessage,
  definitions: readonly FieldDefinition[],
): EventMessage | null {
  if (message.workspace.id !== actor.workspaceId) return null;
  // A bulk import's summary names no case of an account: it is for operations users.
  if (message.type === "case.imported")
    return isOperations(actor) && can(actor, "case.read") ? message : null;
  const type = message.subject.type;
  const managedBy = MANAGED_BY[type];
  if (managedBy) return can(actor, managedBy) ? message : null;
  const accountId = accountOf(message.data.object);
  if (type === "contact") return can(actor, "contact.read", { type: "contact", accountId }) ? message : null;
  if (type !== "case" || !can(actor, "case.read", { type: "case", accountId })) return null;
  return isOperations(actor) ? message : outsiderCaseEvent(actor, message, definitions);
}
