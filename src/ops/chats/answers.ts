/** The answers of a case's conversation: forms filled in there, their values checked by the forms' parameters. */
import type { Actor } from "../../domain/access.ts";
import { checkChangeable } from "../../domain/cases/decide.ts";
import { Failure, type FieldError, fail, invalid, unwrap } from "../../domain/errors.ts";
import type { FieldDefinition } from "../../domain/fields/definition.ts";
import type { FieldValues } from "../../domain/fields/values.ts";
import {
  ANSWER_LIMITS,
  type Answer,
  type AnswerAction,
  checkAnswerRemoval,
  decideAnswerChange,
  decideAnswerMove,
  validateAnswer,
} from "../../domain/forms/answer.ts";
import type { Form } from "../../domain/forms/form.ts";
import { missing } from "../../domain/missing.ts";
import { can, canSee } from "../../domain/policy.ts";
import { deleteAnswer, findAnswer, insertAnswer, pageAnswers, saveAnswer } from "../../store/answers.ts";
import type { Sql } from "../../store/db.ts";
import { findForm } from "../../store/forms.ts";
import { fieldsByIds } from "../admin/fields.ts";
import { loadVisibleCase } from "../cases/load.ts";
import type { OpContext } from "../context.ts";
import { addersOf, conversationList } from "./conversation.ts";

/** A value sent for one parameter of the answer's form, by the parameter's (field definition's) id. */
export interface ParameterValue {
  fieldId: number;
  value: unknown;
}

export const listAnswers = conversationList(pageAnswers);

async function loadAnswer(sql: Sql, actor: Actor, caseNumber: number, id: number, lock = false) {
  const found = await findAnswer(sql, actor.workspaceId, caseNumber, id, lock);
  if (!found) throw missing("answer");
  return found;
}

export async function getAnswer(ctx: OpContext, actor: Actor, caseNumber: number, id: number) {
  await loadVisibleCase(ctx.db, actor, caseNumber);
  return loadAnswer(ctx.db, actor, caseNumber, id);
}

/** The parameters of a form that the actor may see, in the form's order. */
const parametersOf = (ctx: OpContext, actor: Actor, form: Form): Promise<FieldDefinition[]> =>
  fieldsByIds(
    ctx,
    actor,
    form.parameters.map((p) => p.fieldId),
  );

/** Values by key from values by parameter id; one the form does not have (for the actor) is bad input. */
function valuesByKey(parameters: readonly FieldDefinition[], sent: readonly ParameterValue[]): FieldValues {
  const byId = new Map(parameters.map((d) => [d.id, d]));
  const errors: FieldError[] = [];
  const values: FieldValues = {};
  sent.forEach((item, index) => {
    const definition = byId.get(item.fieldId);
    if (!definition) errors.push({ path: ["parameters", index], message: "is not a parameter of this form" });
    else if (definition.key in values)
      errors.push({ path: ["parameters", index], message: "is given more than once" });
    else values[definition.key] = item.value;
  });
  if (errors.length) unwrap(invalid(errors));
  return values;
}

/** Errors of sent values name the item that carried them, in the client's own order. */
function atSentItems(
  failure: Failure,
  parameters: readonly FieldDefinition[],
  sent: readonly ParameterValue[],
) {
  const keyIds = new Map(parameters.map((d) => [d.key, d.id]));
  return new Failure({
    code: failure.code,
    message: failure.message,
    fields: failure.fields.map((field) => {
      const index = sent.findIndex((item) => item.fieldId === keyIds.get(String(field.path[1])));
      return index < 0 ? field : { ...field, path: ["parameters", index, "value"] };
    }),
  });
}

/** The case and the answer, both for change: an answer of a closed or trashed case changes no more. */
async function loadForChange(ctx: OpContext, actor: Actor, caseNumber: number, id: number) {
  const tx = ctx.db;
  unwrap(checkChangeable(await loadVisibleCase(tx, actor, caseNumber, true)));
  const answer = await loadAnswer(tx, actor, caseNumber, id, true);
  const form = (await findForm(tx, actor.workspaceId, answer.formId))!;
  return { answer, parameters: await parametersOf(ctx, actor, form) };
}

/** Starts a draft answer to a published form the actor may read. */
export async function addAnswer(
  ctx: OpContext,
  actor: Actor,
  caseNumber: number,
  input: { name: string; formId: number },
): Promise<Answer> {
  return ctx.db.transaction(async (tx) => {
    unwrap(checkChangeable(await loadVisibleCase(tx, actor, caseNumber, true)));
    const name = input.name.trim();
    if (name === "" || name.length > ANSWER_LIMITS.name)
      return unwrap(
        invalid([{ path: ["name"], message: `must hold 1 to ${ANSWER_LIMITS.name} characters` }]),
      );
    const form = await findForm(tx, actor.workspaceId, input.formId);
    if (!form || !canSee(actor, { type: "form", status: form.status }))
      return unwrap(invalid([{ path: ["formId"], message: "refers to a form that does not exist" }]));
    if (form.status !== "published")
      return unwrap(fail("invalid_transition", "Only a published form can be answered."));
    const now = ctx.now();
    return insertAnswer(tx, actor.workspaceId, {
      caseNumber,
      formId: form.id,
      name,
      status: "draft",
      values: {},
      addedBy: actor.userId,
      revision: 1,
      createdAt: now,
      updatedAt: now,
    });
  });
}

/** Changes an editable answer's name and values (null clears one). */
export async function changeAnswer(
  ctx: OpContext,
  actor: Actor,
  caseNumber: number,
  id: number,
  changes: { name?: string; parameters?: readonly ParameterValue[] },
): Promise<Answer> {
  return ctx.db.transaction(async (tx) => {
    const { answer, parameters } = await loadForChange({ ...ctx, db: tx }, actor, caseNumber, id);
    const sent = changes.parameters ?? [];
    const values = changes.parameters ? valuesByKey(parameters, sent) : undefined;
    const decided = decideAnswerChange(
      answer,
      parameters,
      { ...(changes.name === undefined ? {} : { name: changes.name }), ...(values ? { values } : {}) },
      { now: ctx.now(), mayWriteReadonly: can(actor, "field.readonly") },
    );
    if (!decided.ok) throw atSentItems(new Failure(decided.error), parameters, sent);
    if (decided.value !== answer) await saveAnswer(tx, actor.workspaceId, decided.value);
    return decided.value;
  });
}

/** Submits, queries or accepts an answer, as its lifecycle allows (else `invalid_transition`). */
export async function moveAnswer(
  ctx: OpContext,
  actor: Actor,
  caseNumber: number,
  id: number,
  action: AnswerAction,
): Promise<Answer> {
  return ctx.db.transaction(async (tx) => {
    const { answer, parameters } = await loadForChange({ ...ctx, db: tx }, actor, caseNumber, id);
    const next = unwrap(decideAnswerMove(answer, action, parameters, ctx.now()));
    await saveAnswer(tx, actor.workspaceId, next);
    return next;
  });
}

/**
 * What the answer would be with `sent` values, and each parameter's problem, by key; nothing is stored, and
 * problems are the result, not a failure.
 */
export async function checkAnswer(
  ctx: OpContext,
  actor: Actor,
  caseNumber: number,
  id: number,
  sent: readonly ParameterValue[],
) {
  await loadVisibleCase(ctx.db, actor, caseNumber);
  const answer = await loadAnswer(ctx.db, actor, caseNumber, id);
  const form = (await findForm(ctx.db, actor.workspaceId, answer.formId))!;
  const parameters = await parametersOf(ctx, actor, form);
  const { values, errors } = validateAnswer(
    answer,
    parameters,
    valuesByKey(parameters, sent),
    can(actor, "field.readonly"),
  );
  return { answer: { ...answer, values }, errors };
}

export async function removeAnswer(ctx: OpContext, actor: Actor, caseNumber: number, id: number) {
  await ctx.db.transaction(async (tx) => {
    unwrap(checkChangeable(await loadVisibleCase(tx, actor, caseNumber, true)));
    unwrap(checkAnswerRemoval(await loadAnswer(tx, actor, caseNumber, id, true)));
    await deleteAnswer(tx, actor.workspaceId, id);
  });
}

/** What presenting answers needs besides their rows: their forms, the parameters the actor sees, the adders. */
export async function answerDetails(ctx: OpContext, actor: Actor, answers: readonly Answer[]) {
  const formIds = [...new Set(answers.map((a) => a.formId))];
  const forms = await Promise.all(formIds.map((id) => findForm(ctx.db, actor.workspaceId, id)));
  const fieldIds = forms.flatMap((form) => form?.parameters.map((p) => p.fieldId) ?? []);
  const [definitions, related] = await Promise.all([
    fieldsByIds(ctx, actor, [...new Set(fieldIds)]),
    addersOf(ctx, actor, answers),
  ]);
  return {
    forms: new Map(forms.flatMap((form) => (form ? [[form.id, form] as const] : []))),
    definitions: new Map(definitions.map((d) => [d.id, d])),
    related,
  };
}
