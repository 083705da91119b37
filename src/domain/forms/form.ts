/** Forms: named, ordered sets of field definitions that clients fill in, with their publishing lifecycle. */

import { type FieldError, fail, invalid, ok, type Result } from "../errors.ts";
import type { FieldDefinition } from "../fields/definition.ts";

export const FORM_STATUSES = ["draft", "published", "unpublished"] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

/** One field definition of a form, at its place in the form. */
export interface FormParameter {
  fieldId: number;
  displayOrder: number;
}

export interface Form {
  id: number;
  name: string;
  description: string;
  status: FormStatus;
  /** In display order (ties by field id). */
  parameters: FormParameter[];
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What an administrator sets on a form; its status moves only by publishing and unpublishing. */
export type FormFields = Pick<Form, "name" | "description" | "parameters">;

/** The form fields a list may filter and sort on. */
export type FormQueryField = "id" | "name" | "status" | "createdAt" | "updatedAt";

export const FORM_LIMITS = { name: 255, description: 10_000, parameters: 200 } as const;

/** A form is made of the form object's fields (MPT's Form-scope parameters). */
export const isFormField = (definition: Pick<FieldDefinition, "object">) => definition.object === "form";

/** Parameters in display order, ties by field id, so a form reads the same however it was written. */
export const ordered = (parameters: readonly FormParameter[]): FormParameter[] =>
  [...parameters].sort((a, b) => a.displayOrder - b.displayOrder || a.fieldId - b.fieldId);

/**
 * Checks a form's fields: a name, each parameter once and a definition that may be one. A published form's
 * parameters are fixed (its answers are filled in against them): changing them is refused until it is
 * unpublished; its name and description may change.
 */
export function checkForm(
  current: Form | null,
  next: FormFields,
  definitions: ReadonlyMap<number, Pick<FieldDefinition, "object" | "active">>,
): Result<true> {
  const errors: FieldError[] = [];
  if (next.name.trim() === "") errors.push({ path: ["name"], message: "must not be empty" });
  const seen = new Set<number>();
  next.parameters.forEach((parameter, index) => {
    const path = ["parameters", index];
    const definition = definitions.get(parameter.fieldId);
    if (!definition) errors.push({ path, message: "refers to a parameter that does not exist" });
    else if (!isFormField(definition)) errors.push({ path, message: "is not a Form parameter" });
    else if (!definition.active) errors.push({ path, message: "is inactive" });
    else if (seen.has(parameter.fieldId)) errors.push({ path, message: "is already in the form" });
    seen.add(parameter.fieldId);
  });
  if (errors.length) return invalid(errors);
  if (
    current?.status === "published" &&
    JSON.stringify(ordered(next.parameters)) !== JSON.stringify(ordered(current.parameters))
  )
    return fail("invalid_transition", "A published form's parameters cannot change; unpublish it first.", [
      { path: ["parameters"], message: "cannot change while the form is published" },
    ]);
  return ok(true);
}

/** Publishing: Draft or Unpublished → Published; unpublishing: Published → Unpublished. */
const MOVES: Record<"publish" | "unpublish", { from: readonly FormStatus[]; to: FormStatus }> = {
  publish: { from: ["draft", "unpublished"], to: "published" },
  unpublish: { from: ["published"], to: "unpublished" },
};

export type FormAction = keyof typeof MOVES;

export function decideFormMove(current: Form, action: FormAction): Result<FormStatus> {
  const move = MOVES[action];
  return move.from.includes(current.status)
    ? ok(move.to)
    : fail("invalid_transition", `A ${current.status} form cannot be ${action}ed.`);
}

/** Only a form that was never published, or is no longer, and has no answers may be deleted. */
export function checkFormRemoval(current: Form, hasAnswers: boolean): Result<true> {
  if (current.status === "published")
    return fail("in_use", "A published form cannot be deleted; unpublish it first.");
  if (hasAnswers) return fail("in_use", "The form has answers and cannot be deleted.");
  return ok(true);
}
