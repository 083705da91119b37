/** Custom field definitions administration. */
import type { Actor } from "../../domain/access.ts";
import { creation, diff } from "../../domain/audit/diff.ts";
import { Failure, notFound, unwrap } from "../../domain/errors.ts";
import { checkDefinition, type FieldDefinition, type FieldObject } from "../../domain/fields/definition.ts";
import { recordChanges } from "../../store/changes.ts";
import {
  type DefinitionFields,
  findDefinition,
  insertDefinition,
  listDefinitions,
  saveDefinition,
} from "../../store/fields.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { definedOnly } from "./queues.ts";

const DEFINITION_FIELDS = [
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
] as const;

export type DefinitionInput = Partial<DefinitionFields> &
  Pick<DefinitionFields, "object" | "key" | "label" | "type">;

export async function createField(
  ctx: OpContext,
  actor: Actor,
  input: DefinitionInput,
): Promise<FieldDefinition> {
  const now = ctx.now();
  const fields: DefinitionFields = {
    description: "",
    options: [],
    required: false,
    searchable: false,
    active: true,
    displayOrder: 0,
    hidden: false,
    readonly: false,
    visibleToReporter: true,
    ...definedOnly(input),
  } as DefinitionFields;
  unwrap(checkDefinition(fields));
  return ctx.db.transaction(async (tx) => {
    const created = await insertDefinition(tx, actor.workspaceId, fields, now);
    if (!created)
      throw new Failure({
        code: "duplicate",
        message: `A ${input.object} field with key "${input.key}" already exists.`,
        fields: [{ field: "key", message: "is taken" }],
      });
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "field", id: created.id, revision: 1 },
        "created",
        creation(created, DEFINITION_FIELDS),
        now,
        created,
      ),
    ]);
    return created;
  });
}

export const fieldsOf = (ctx: OpContext, actor: Actor, object?: FieldObject) =>
  listDefinitions(ctx.db, actor.workspaceId, object);

export async function getField(ctx: OpContext, actor: Actor, id: number): Promise<FieldDefinition> {
  const found = Number.isSafeInteger(id) ? await findDefinition(ctx.db, actor.workspaceId, id) : null;
  if (!found) throw notFound("field_not_found", "field");
  return found;
}

/** The key, object and type of a field are fixed once values may exist; everything else may change. */
export async function updateField(
  ctx: OpContext,
  actor: Actor,
  id: number,
  input: Partial<Omit<DefinitionFields, "object" | "key" | "type">>,
): Promise<FieldDefinition> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const current = Number.isSafeInteger(id) ? await findDefinition(tx, actor.workspaceId, id, true) : null;
    if (!current) throw notFound("field_not_found", "field");
    const merged = { ...current, ...definedOnly(input) };
    unwrap(checkDefinition(merged));
    const changes = diff(current, merged, DEFINITION_FIELDS);
    if (changes.length === 0) return current;
    const next = { ...merged, revision: current.revision + 1, updatedAt: now };
    await saveDefinition(tx, actor.workspaceId, next);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "field", id, revision: next.revision },
        "updated",
        changes,
        now,
        next,
      ),
    ]);
    return next;
  });
}
