/**
 * The one access policy: what an actor may do, and to which records. Routes ask it for their action, ops ask
 * it about the record in hand, and the console asks it (through /me) before it offers a button.
 */
import type { Actor, Scope } from "./access.ts";
import { hasScope } from "./access.ts";
import type { DomainError } from "./errors.ts";
import { type ClientScope, isClientScope } from "./oauth/scopes.ts";
import { type Condition, matches } from "./query/condition.ts";

export const ACTIONS = [
  "case.read",
  "case.create",
  "case.update",
  "case.trash",
  "case.restore",
  "case.import",
  /** The audit trail names internal entries, hidden fields and the awaiting flag. */
  "case.history",
  "case.flag_awaiting",
  "case.move_account",
  "entry.add",
  "entry.edit",
  "entry.internal",
  "contact.read",
  "contact.write",
  "directory.read",
  "directory.manage",
  "queue.internal",
  "field.hidden",
  /** Read-only custom fields are written by administrators (imports, corrections). */
  "field.readonly",
  "field.read",
  /** Clients read the forms they answer: the published ones. */
  "form.read",
  "form.manage",
  "key.manage",
  "workspace.read",
  "workspace.manage",
  /** Subscriptions receive every event of the workspace, internal ones included. */
  "webhook.manage",
  "event.stream",
] as const;

export type Action = (typeof ACTIONS)[number];

/** A record an action is about, with just the facts the policy decides on. */
export type Subject =
  | { type: "case"; accountId: number | null }
  | { type: "entry"; visibility: "public" | "internal" }
  | { type: "queue"; internal: boolean; ownerAccountId: number | null }
  | { type: "field"; hidden: boolean; visibleToReporter: boolean }
  | { type: "form"; status: "draft" | "published" | "unpublished" }
  /** Groups of fields show to whoever reads fields; their members are each field's own record. */
  | { type: "field_group" }
  | { type: "contact"; accountId: number | null }
  | { type: "account"; id: number }
  | { type: "user"; accountId: number };

interface Rule {
  /** The credential scope the action needs (`admin` holds every scope). */
  scope: Scope;
  /** The OAuth client scope (Talkdesk's name) that grants it to an access token instead; null: none does. */
  clientScope: ClientScope | null;
  /** Only users of an operations account may take it. */
  operationsOnly: boolean;
}

const rule = (scope: Scope, clientScope: ClientScope | null = null, operationsOnly = false): Rule => ({
  scope,
  clientScope,
  operationsOnly,
});

/** The table: every action, its scope, and whether it is for operations users only. */
export const RULES: Record<Action, Rule> = {
  "case.read": rule("cases:read", "cases-public:read"),
  "case.create": rule("cases:write", "cases-public:write"),
  "case.update": rule("cases:write", "cases-public:write"),
  // Talkdesk documents no scope for its delete endpoints: deleting is writing cases.
  "case.trash": rule("cases:write", "cases-public:write"),
  "case.restore": rule("cases:write"),
  // Administration spans the workspace (every account's users, keys and queues): operations users only.
  "case.import": rule("admin", null, true),
  "case.history": rule("cases:read", null, true),
  "case.flag_awaiting": rule("cases:write", null, true),
  "case.move_account": rule("cases:write", null, true),
  // Notes come with a case update, which needs only cases-public:write.
  "entry.add": rule("cases:write", "cases-public:write"),
  "entry.edit": rule("cases:write", "case-notes-public:write"),
  "entry.internal": rule("cases:read", "cases-public:read", true),
  "contact.read": rule("cases:read", "cases-public:read"),
  "contact.write": rule("cases:write", "cases-public:write"),
  "directory.read": rule("cases:read"),
  "directory.manage": rule("admin", null, true),
  "queue.internal": rule("cases:read", "cases-public:read", true),
  "field.hidden": rule("cases:read", "cases-public:read", true),
  "field.readonly": rule("admin", null, true),
  "field.read": rule("cases:read", "case-fields-public:read"),
  "form.read": rule("cases:read"),
  "form.manage": rule("admin", null, true),
  "key.manage": rule("admin", null, true),
  "workspace.read": rule("cases:read"),
  "workspace.manage": rule("admin", null, true),
  "webhook.manage": rule("admin", null, true),
  "event.stream": rule("cases:read"),
};

export const isOperations = (actor: Pick<Actor, "accountType">): boolean =>
  actor.accountType === "operations";

/** The account an actor's reads and writes are confined to; null: the whole workspace (operations). */
export const ownAccountOnly = (actor: Pick<Actor, "accountType" | "accountId">): number | null =>
  isOperations(actor) ? null : actor.accountId;

/** The awaiting flag is an operations users' note to themselves: client and vendor users never see it. */
export const seesAwaiting = (actor: Pick<Actor, "accountType">): boolean => isOperations(actor);

/** The facts of a subject type a visibility condition may name. */
export type SubjectField<T extends Subject["type"]> = Exclude<keyof Extract<Subject, { type: T }>, "type"> &
  string;

/** The records of one type an actor may see (null: every one of the workspace). */
export type Visibility<T extends Subject["type"]> = Condition<SubjectField<T>> | null;

/**
 * Which records of a type are there at all for the actor, as a condition over the subject's facts (null: all
 * of them). Lists hand it to the store, which filters in SQL; `canSee` evaluates the same condition on one
 * record, so a list and a read by id never disagree.
 */
export function visibleWhere<T extends Subject["type"]>(actor: Actor, type: T): Visibility<T>;
export function visibleWhere(actor: Actor, type: Subject["type"]): Condition | null {
  if (isOperations(actor)) return null;
  const own = actor.accountId;
  switch (type) {
    // Another account's records, and those of no account, are not there for client and vendor users.
    case "case":
    case "contact":
    case "user":
      return { field: "accountId", op: "eq", value: own };
    case "account":
      return { field: "id", op: "eq", value: own };
    case "entry":
      return { field: "visibility", op: "eq", value: "public" };
    case "queue":
      // An internal queue is for its owner account's own teams (and operations users, who administer every queue).
      return {
        any: [
          { field: "internal", op: "eq", value: false },
          { field: "ownerAccountId", op: "eq", value: own },
        ],
      };
    // Drafts and unpublished forms are operations' work in progress: clients and vendors see published ones.
    case "form":
      return { field: "status", op: "eq", value: "published" };
    case "field_group":
      return null;
    case "field":
      return {
        all: [
          { field: "hidden", op: "eq", value: false },
          { field: "visibleToReporter", op: "eq", value: true },
        ],
      };
  }
}

/** Whether a record is there at all for the actor (another account's records, internal ones for outsiders, are not). */
export function canSee(actor: Actor, subject: Subject): boolean {
  const condition = visibleWhere(actor, subject.type);
  return condition === null || matches(condition, subject as unknown as Record<string, unknown>);
}

/** Whether the actor's credential carries a scope the action's rule accepts. */
const holdsScope = (actor: Actor, { scope, clientScope }: Rule) =>
  hasScope(actor, scope) || (clientScope !== null && hasScope(actor, clientScope));

/** May `actor` take `action` (on `subject`, when the action is about one record)? */
export function can(actor: Actor, action: Action, subject?: Subject): boolean {
  const { operationsOnly } = RULES[action];
  if (!holdsScope(actor, RULES[action])) return false;
  if (operationsOnly && !isOperations(actor)) return false;
  return subject === undefined || canSee(actor, subject);
}

/** Why `actor` may not take `action`: the scope it lacks, or that the action is for operations users. */
export function refusal(actor: Actor, action: Action): DomainError {
  const { scope, clientScope } = RULES[action];
  // An access token is told the scope in its own vocabulary (Talkdesk's), an API key in Casework's.
  const needed = clientScope && actor.scopes.some(isClientScope) ? clientScope : scope;
  return holdsScope(actor, RULES[action])
    ? { code: "forbidden", message: "This is for operations users only." }
    : { code: "forbidden", message: `This credential lacks the ${needed} scope.` };
}

/** Everything the actor may do, for clients that draw only the buttons that will work. */
export const permissions = (actor: Actor): Action[] => ACTIONS.filter((action) => can(actor, action));
