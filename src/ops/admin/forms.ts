/** Form administration: create, change, publish and unpublish, read, list, remove; every change audited. */
import type { Actor } from "../../domain/access.ts";
import { unwrap } from "../../domain/errors.ts";
import {
  checkForm,
  checkFormRemoval,
  decideFormMove,
  type Form,
  type FormAction,
  type FormFields,
  type FormQueryField,
  ordered,
} from "../../domain/forms/form.ts";
import { definedOnly } from "../../domain/partial.ts";
import { visibleWhere } from "../../domain/policy.ts";
import type { ListQuery } from "../../domain/query/condition.ts";
import { recordChanges } from "../../store/changes.ts";
import type { Sql } from "../../store/db.ts";
import { findDefinitions } from "../../store/fields.ts";
import { deleteForm, findForm, formHasAnswers, insertForm, queryForms, saveForm } from "../../store/forms.ts";
import { latestEvents, loadRelated } from "../../store/related.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { createRecord, getRecord, type RecordKind, updateRecord } from "./administered.ts";

const FORM: RecordKind<Form> = {
  type: "form",
  fields: ["name", "description", "status", "parameters"],
  subject: (form) => ({ type: "form", status: form.status }),
  find: findForm,
  save: saveForm,
};

/** The definitions a form's parameters name, by id (whatever their object: the check says which may be). */
const definitionsOf = async (sql: Sql, workspaceId: number, fields: Pick<FormFields, "parameters">) =>
  new Map(
    (
      await findDefinitions(
        sql,
        workspaceId,
        fields.parameters.map((p) => p.fieldId),
      )
    ).map((d) => [d.id, d]),
  );

export const createForm = (ctx: OpContext, actor: Actor, input: Partial<FormFields> & { name: string }) =>
  createRecord(ctx, actor, FORM, async (tx, now) => {
    const fields: FormFields = {
      description: "",
      ...definedOnly(input),
      name: input.name,
      parameters: ordered(input.parameters ?? []),
    };
    unwrap(checkForm(null, fields, await definitionsOf(tx.db, actor.workspaceId, fields)));
    return insertForm(tx.db, actor.workspaceId, fields, now);
  });

/** A form that is not published is not there for client and vendor users. */
export const getForm = (ctx: OpContext, actor: Actor, id: number, lock = false): Promise<Form> =>
  getRecord(ctx, actor, FORM, id, lock);

export const findForms = (ctx: OpContext, actor: Actor, query: ListQuery<FormQueryField>) =>
  queryForms(ctx.db, actor.workspaceId, query, visibleWhere(actor, "form"));

export const updateForm = (ctx: OpContext, actor: Actor, id: number, input: Partial<FormFields>) =>
  updateRecord(
    ctx,
    actor,
    FORM,
    id,
    { ...input, ...(input.parameters ? { parameters: ordered(input.parameters) } : {}) },
    async (tx, merged, current) =>
      void unwrap(checkForm(current, merged, await definitionsOf(tx.db, actor.workspaceId, merged))),
  );

/** Publishes or unpublishes a form, as its lifecycle allows (else `invalid_transition`). */
export const moveForm = (ctx: OpContext, actor: Actor, id: number, action: FormAction) =>
  ctx.db.transaction(async (tx) => {
    const scoped = { ...ctx, db: tx };
    const status = unwrap(decideFormMove(await getForm(scoped, actor, id, true), action));
    return updateRecord(scoped, actor, FORM, id, { status });
  });

/** Removes a form that is not published and has no answers; anything else is `in_use` and changes nothing. */
export async function removeForm(ctx: OpContext, actor: Actor, id: number): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const form = await getForm({ ...ctx, db: tx }, actor, id, true);
    unwrap(checkFormRemoval(form, await formHasAnswers(tx, actor.workspaceId, id)));
    await deleteForm(tx, actor.workspaceId, id);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "form", id, revision: null },
        "deleted",
        [],
        now,
        form,
      ),
    ]);
  });
}

/** What presenting forms needs besides their rows: the parameters' definitions the actor may see, and audit. */
export async function formDetailsOf(ctx: OpContext, actor: Actor, forms: readonly Form[]) {
  const [definitions, events] = await Promise.all([
    findDefinitions(
      ctx.db,
      actor.workspaceId,
      [...new Set(forms.flatMap((form) => form.parameters.map((p) => p.fieldId)))],
      visibleWhere(actor, "field"),
    ),
    latestEvents(
      ctx.db,
      actor.workspaceId,
      "form",
      forms.map((form) => String(form.id)),
    ),
  ]);
  const actors = [...events.values()].flatMap((byAction) => Object.values(byAction).map((e) => e.actor.id));
  const related = await loadRelated(ctx.db, actor.workspaceId, { users: actors, accounts: [], queues: [] });
  return { definitions: new Map(definitions.map((d) => [d.id, d])), events, related };
}
