/** Custom field definitions administration. */
import type { Actor } from "../../domain/access.ts";
import { Failure, unwrap } from "../../domain/errors.ts";
import type { DefinitionFields } from "../../domain/fields/definition.ts";
import {
  checkDefinition,
  DEFINITION_DEFAULTS,
  type FieldDefinition,
  type FieldObject,
} from "../../domain/fields/definition.ts";
import { definedOnly } from "../../domain/partial.ts";
import { visibleWhere } from "../../domain/policy.ts";
import { findDefinition, insertDefinition, listDefinitions, saveDefinition } from "../../store/fields.ts";
import type { OpContext } from "../context.ts";
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
  listDefinitions(ctx.db, actor.workspaceId, object, visibleWhere(actor, "field"));

export const getField = (ctx: OpContext, actor: Actor, id: number) => getRecord(ctx, actor, FIELD, id);

/** The key, object and type of a field are fixed once values may exist; everything else may change. */
export const updateField = (
  ctx: OpContext,
  actor: Actor,
  id: number,
  input: Partial<Omit<DefinitionFields, "object" | "key" | "type">>,
) => updateRecord(ctx, actor, FIELD, id, input, (_tx, merged) => void unwrap(checkDefinition(merged)));
