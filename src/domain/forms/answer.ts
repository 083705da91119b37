/**
 * Answers: a form filled in inside a case's conversation. Values are checked by the custom field rules of the
 * form's parameters; the lifecycle is Draft → Submitted → Querying ↔ Submitted → Accepted.
 */
import { type FieldError, fail, invalid, ok, type Result } from "../errors.ts";
import type { FieldDefinition } from "../fields/definition.ts";
import { applyFieldValues, type FieldValues, missingRequired } from "../fields/values.ts";

export const ANSWER_STATUSES = ["draft", "submitted", "querying", "accepted"] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

export interface Answer {
  id: number;
  caseNumber: number;
  formId: number;
  name: string;
  status: AnswerStatus;
  /** By field key, as a case holds its custom field values. */
  values: FieldValues;
  addedBy: number | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export const ANSWER_LIMITS = { name: 255 } as const;

/** Which statuses each action moves an answer from, and to. */
const MOVES = {
  submit: { from: ["draft", "querying"], to: "submitted" },
  query: { from: ["submitted"], to: "querying" },
  accept: { from: ["submitted"], to: "accepted" },
} as const satisfies Record<string, { from: readonly AnswerStatus[]; to: AnswerStatus }>;

export type AnswerAction = keyof typeof MOVES;

const DONE: Record<AnswerAction, string> = { submit: "submitted", query: "queried", accept: "accepted" };

/** The filler may change the values while the answer is theirs: a draft, or one queried back to them. */
const EDITABLE: readonly AnswerStatus[] = ["draft", "querying"];

const refused = (current: Answer, what: string) =>
  fail("invalid_transition", `A ${current.status} answer cannot be ${what}.`);

/** How a write may treat read-only parameters: administrators write them, fillers do not. */
export interface AnswerRules {
  now: Date;
  mayWriteReadonly: boolean;
}

/**
 * The values after `changes` (key → value, null clears), checked against the parameters the writer may
 * see; a value for a parameter outside them is an error like any other.
 */
const applyAnswerValues = (
  parameters: readonly FieldDefinition[],
  current: FieldValues,
  changes: FieldValues,
  rules: Pick<AnswerRules, "mayWriteReadonly">,
): Result<FieldValues> =>
  applyFieldValues(
    parameters,
    current,
    changes,
    { creating: false, mayWriteReadonly: rules.mayWriteReadonly },
    ["parameters"],
  );

/**
 * Clearing a value the answer does not hold changes nothing: an answer read and sent back whole, its empty
 * required parameters included, is no attempt to clear them.
 */
const clearingOnlySet = (current: FieldValues, changes: FieldValues): FieldValues =>
  Object.fromEntries(Object.entries(changes).filter(([key, value]) => value !== null || key in current));

/** A change of name or values, allowed while the answer is editable; a change that alters nothing keeps it. */
export function decideAnswerChange(
  current: Answer,
  parameters: readonly FieldDefinition[],
  changes: { name?: string; values?: FieldValues },
  rules: AnswerRules,
): Result<Answer> {
  if (!EDITABLE.includes(current.status)) return refused(current, "changed");
  if (changes.name !== undefined && changes.name.trim() === "")
    return fail("validation_failed", "name: must not be empty", [
      { path: ["name"], message: "must not be empty" },
    ]);
  const values = changes.values
    ? applyAnswerValues(parameters, current.values, clearingOnlySet(current.values, changes.values), rules)
    : ok(current.values);
  if (!values.ok) return values;
  const next = { ...current, name: changes.name ?? current.name, values: values.value };
  if (next.name === current.name && JSON.stringify(next.values) === JSON.stringify(current.values))
    return ok(current);
  return ok({ ...next, revision: current.revision + 1, updatedAt: rules.now });
}

/** The required parameters the values leave empty, each named by its key (values were checked when written). */
const missingOf = (parameters: readonly FieldDefinition[], values: FieldValues): FieldError[] =>
  missingRequired(parameters, values).map((key) => ({ path: ["parameters", key], message: "is required" }));

/**
 * Moves an answer on: submitting needs every required parameter filled in; querying hands it back to the
 * filler; accepting closes it for good.
 */
export function decideAnswerMove(
  current: Answer,
  action: AnswerAction,
  parameters: readonly FieldDefinition[],
  now: Date,
): Result<Answer> {
  const move = MOVES[action];
  if (!(move.from as readonly AnswerStatus[]).includes(current.status)) return refused(current, DONE[action]);
  if (action === "submit") {
    const missing = missingOf(parameters, current.values);
    if (missing.length) return invalid(missing);
  }
  return ok({ ...current, status: move.to, revision: current.revision + 1, updatedAt: now });
}

/** A draft may be thrown away; once submitted, an answer is part of the conversation's record. */
export const checkAnswerRemoval = (current: Answer): Result<true> =>
  current.status === "draft" ? ok(true) : refused(current, "deleted");

/**
 * What validating `changes` would find, per parameter key, without storing anything: the values as they
 * would be, and each parameter's problem (required ones included).
 */
export function validateAnswer(
  current: Answer,
  parameters: readonly FieldDefinition[],
  changes: FieldValues,
  mayWriteReadonly: boolean,
): { values: FieldValues; errors: Map<string, string> } {
  const errors = new Map<string, string>();
  const values: FieldValues = { ...current.values };
  for (const [key, value] of Object.entries(changes)) {
    const one = applyAnswerValues(parameters, current.values, { [key]: value }, { mayWriteReadonly });
    if (one.ok) {
      if (key in one.value) values[key] = one.value[key];
      else delete values[key];
    } else collect(one.error.fields ?? [], errors);
  }
  collect(missingOf(parameters, values), errors);
  return { values, errors };
}

function collect(fields: readonly FieldError[], errors: Map<string, string>) {
  for (const field of fields) {
    const key = String(field.path[1]);
    if (!errors.has(key)) errors.set(key, field.message);
  }
}
