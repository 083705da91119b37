/** MPT forms and answers from model forms, answers and the field definitions that are their parameters. */
import type { Answer } from "../../domain/forms/answer.ts";
import type { Form } from "../../domain/forms/form.ts";
import type { formDetailsOf } from "../../ops/admin/forms.ts";
import type { answerDetails } from "../../ops/chats/answers.ts";
import { formatId } from "./ids.ts";
import { presentAudit } from "./present.ts";
import { rowAudit } from "./present-conversation.ts";

type FormDetails = Awaited<ReturnType<typeof formDetailsOf>>;
type AnswerDetails = Awaited<ReturnType<typeof answerDetails>>;

const FORM_STATUS = { draft: "Draft", published: "Published", unpublished: "Unpublished" } as const;
const ANSWER_STATUS = {
  draft: "Draft",
  submitted: "Submitted",
  querying: "Querying",
  accepted: "Accepted",
} as const;

/** A form shows the parameters the reader may see (hidden ones only to operations users). */
export function presentForm(details: FormDetails, f: Form) {
  return {
    id: formatId("form", f.id),
    revision: f.revision,
    name: f.name,
    description: f.description,
    status: FORM_STATUS[f.status],
    parameters: f.parameters.flatMap((p) => {
      const definition = details.definitions.get(p.fieldId);
      return definition
        ? [{ id: formatId("parameter", p.fieldId), name: definition.label, displayOrder: p.displayOrder }]
        : [];
    }),
    audit: presentAudit(details.related, details.events.get(String(f.id)), f),
  };
}

/** An answer shows each parameter of its form the reader may see, its value, and (after validate) its problem. */
export function presentAnswer(
  details: AnswerDetails,
  a: Answer,
  errors: ReadonlyMap<string, string> = new Map(),
) {
  const form = details.forms.get(a.formId);
  return {
    id: formatId("answer", a.id),
    chat: { id: formatId("chat", a.caseNumber) },
    form: { id: formatId("form", a.formId), name: form?.name ?? "" },
    name: a.name,
    status: ANSWER_STATUS[a.status],
    parameters: (form?.parameters ?? []).flatMap((p) => {
      const definition = details.definitions.get(p.fieldId);
      if (!definition) return [];
      const error = errors.get(definition.key);
      return [
        {
          parameter: { id: formatId("parameter", definition.id) },
          name: definition.label,
          displayOrder: p.displayOrder,
          value: a.values[definition.key] ?? null,
          constraints: {
            required: definition.required,
            readonly: definition.readonly,
            hidden: definition.hidden,
          },
          error: error === undefined ? null : { message: error },
        },
      ];
    }),
    revision: a.revision,
    audit: rowAudit(details.related, a),
  };
}
