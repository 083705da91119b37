/** Custom field definitions administration. */
import type { Actor } from "../../domain/access.ts";
import { Failure, unwrap } from "../../domain/errors.ts";
import type { DefinitionFields, FieldQueryField } from "../../domain/fields/definition.ts";
import {
  checkDefinition,
  checkDefinitionRemoval,
  DEFINITION_DEFAULTS,
  type FieldDefinition,
  type FieldObject,
} from "../../domain/fields/definition.ts";
import { definedOnly } from "../../domain/partial.ts";
import { visibleWhere } from "../../domain/policy.ts";
import type { ListQuery } from "../../domain/query/condition.ts";
import { recordChanges } from "../../store/changes.ts";
import {
  definitionInUse,
  definitionStatistics,
  deleteDefinition,
  findDefinition,
  findDefinitions,
  insertDefinition,
  listDefinitions,
  queryDefinitions,
  saveDefinition,
} from "../../store/fields.ts";
import { latestEvents, loadRelated } from "../../store/related.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { createRecord, getRecord, type RecordKind, updateRecord } from "./administered.ts";

const FIELD: RecordKind<FieldDefinition> = {
  type: "field",
  fields: [
    "object",
    "key",
    "label",
    "description",
    "type",
    "options",
    "required",
    "searchable",
    "active",
    "displayOrder",
    "hidden",
    "readonly",
    "visibleToReporter",
    "phase",
    "hintText",
    "placeholderText",
    "widget",
  ],
  subject: (d) => ({ type: "field", hidden: d.hidden, visibleToReporter: d.visibleToReporter }),
  find: findDefinition,
  save: saveDefinition,
};

export type DefinitionInput = Partial<DefinitionFields> &
  Pick<DefinitionFields, "object" | "key" | "label" | "type">;

export function createField(ctx: OpContext, actor: Actor, input: DefinitionInput): Promise<FieldDefinition> {
  const fields: DefinitionFields = { ...DEFINITION_DEFAULTS, ...(definedOnly(input) as DefinitionInput) };
  unwrap(checkDefinition(fields));
  return createRecord(ctx, actor, FIELD, async (tx, now) => {
    const created = await insertDefinition(tx.db, actor.workspaceId, fields, now);
    if (!created)
      throw new Failure({
        code: "duplicate",
        message: `A ${input.object} field with key "${input.key}" already exists.`,
        fields: [{ path: ["key"], message: "is taken" }],
      });
    return created;
  });
}

/** The definitions the actor may see: fields hidden from client and vendor users are not there for them. */
export const fieldsOf = (ctx: OpContext, actor: Actor, object?: FieldObject) =>
  ctx.workspaceReads && !ctx.db.inTransaction
    ? ctx.workspaceReads.definitions(actor.workspaceId, object, visibleWhere(actor, "field"))
    : listDefinitions(ctx.db, actor.workspaceId, object, visibleWhere(actor, "field"));

/** A page of the definitions the actor may see matching `query`, with how many match. */
export const findFields = (ctx: OpContext, actor: Actor, query: ListQuery<FieldQueryField>) =>
  queryDefinitions(ctx.db, actor.workspaceId, query, visibleWhere(actor, "field"));

/**
 * The definitions among `ids` the actor may see, in the order asked (the others are left out), for writes
 * that check values against them (answers to a form's fields, say).
 */
export const fieldsByIds = (ctx: OpContext, actor: Actor, ids: readonly number[]) =>
  findDefinitions(ctx.db, actor.workspaceId, ids, visibleWhere(actor, "field"));

export const getField = (ctx: OpContext, actor: Actor, id: number) => getRecord(ctx, actor, FIELD, id);

/** What definitions the caller has already read show besides their settings: usage counts and audit events. */
export async function fieldDetailsOf(ctx: OpContext, actor: Actor, definitions: readonly FieldDefinition[]) {
  const ids = definitions.map((d) => d.id);
  const [statistics, events] = await Promise.all([
    definitionStatistics(ctx.db, actor.workspaceId, ids),
    latestEvents(ctx.db, actor.workspaceId, "field", ids.map(String)),
  ]);
  const actors = [...events.values()].flatMap((byAction) => Object.values(byAction).map((e) => e.actor.id));
  const related = await loadRelated(ctx.db, actor.workspaceId, { users: actors, accounts: [], queues: [] });
  return { statistics, events, related };
}

/** The key, object and type of a field are fixed once values may exist; everything else may change. */
export const updateField = (
  ctx: OpContext,
  actor: Actor,
  id: number,
  input: Partial<Omit<DefinitionFields, "object" | "key" | "type">>,
) => updateRecord(ctx, actor, FIELD, id, input, (_tx, merged) => void unwrap(checkDefinition(merged)));

/** Removes a definition nothing holds; one in use is `in_use` and changes nothing. */
export async function removeField(ctx: OpContext, actor: Actor, id: number): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const definition = await getRecord({ ...ctx, db: tx }, actor, FIELD, id, true);
    unwrap(checkDefinitionRemoval(await definitionInUse(tx, actor.workspaceId, definition)));
    await deleteDefinition(tx, actor.workspaceId, id);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "field", id, revision: null },
        "deleted",
        [],
        now,
        definition,
      ),
    ]);
  });
}
