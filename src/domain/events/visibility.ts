/**
 * What of an event an actor may see, by the same rules as reads: outsiders (client and vendor users) get only
 * their own account's cases, never internal entries, the awaiting flag or hidden fields; contacts and case
 * imports are for operations users, the administered objects for admins.
 */
import { type Actor, hasScope, seesInternal, visibleAccount } from "../access.ts";
import type { FieldChange } from "../audit/diff.ts";
import type { Case } from "../cases/case.ts";
import { redactCase, visibleToOutsiders } from "../cases/visibility.ts";
import type { FieldDefinition } from "../fields/definition.ts";
import type { EventMessage } from "./event.ts";

const ADMINISTERED = new Set(["field", "queue", "account", "user", "key", "workspace", "webhook"]);

function pick(value: unknown, keys: Set<string>): unknown {
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => keys.has(key)));
}

/** A case event as an outsider sees it; null when nothing of it is theirs to see. */
function outsiderCaseEvent(
  message: EventMessage,
  account: number,
  definitions: readonly FieldDefinition[],
  actor: Actor,
): EventMessage | null {
  const object = message.data.object as Case | null;
  if (!object || typeof object !== "object" || object.accountId !== account) return null;
  const visibleFields = new Set(definitions.filter(visibleToOutsiders).map((d) => d.key));
  const entries = (message.data.entries ?? []).filter(
    (entry) => (entry as { visibility?: string }).visibility === "public",
  );
  const entryIds = new Set(entries.map((entry) => (entry as { id: number }).id));
  const changes: FieldChange[] = message.data.changes.flatMap((c): FieldChange[] => {
    if (c.field === "awaiting" || c.field.startsWith("timeline.")) return [];
    if (c.field === "customFields")
      return [{ field: c.field, before: pick(c.before, visibleFields), after: pick(c.after, visibleFields) }];
    if (c.field === "timeline") {
      const after = (c.after as number[]).filter((id) => entryIds.has(id));
      return after.length ? [{ ...c, after }] : [];
    }
    return [c];
  });
  const meaningful = changes.filter(
    (c) => c.field !== "customFields" || JSON.stringify(c.before) !== JSON.stringify(c.after),
  );
  if (meaningful.length === 0 && message.data.changes.length > 0) return null;
  const topics = message.topics.filter(
    (topic) => topic !== "timeline.edited" && (topic !== "timeline.added" || entries.length > 0),
  );
  return {
    ...message,
    topics,
    data: {
      object: redactCase(object, actor, definitions),
      changes: meaningful,
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
  const type = message.subject.type;
  if (ADMINISTERED.has(type) && message.type !== "case.imported")
    return hasScope(actor, "admin") ? message : null;
  if (seesInternal(actor)) return message;
  const account = visibleAccount(actor);
  if (type !== "case" || account === null) return null;
  return outsiderCaseEvent(message, account, definitions, actor);
}
