/** Forms and their answers on the wire. */
import { Type } from "typebox";
import { ANSWER_LIMITS } from "../../domain/forms/answer.ts";
import { FORM_LIMITS } from "../../domain/forms/form.ts";
import { Audit, Echo, Ref, Text } from "./schemas.ts";

export const AnswerParams = Type.Object({ id: Type.String(), answerId: Type.String() });

/** A parameter of a form, as a parameter group's member is sent: the parameter's id and its place. */
const FormParameterWrite = Type.Object(
  {
    id: Type.String({ maxLength: 64 }),
    displayOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    name: Echo,
  },
  { additionalProperties: false },
);

const formWritable = {
  name: Type.String({ minLength: 1, maxLength: FORM_LIMITS.name }),
  description: Text(FORM_LIMITS.description),
  parameters: Type.Array(FormParameterWrite, { maxItems: FORM_LIMITS.parameters }),
};
const formEchoes = { id: Echo, status: Echo, revision: Echo, audit: Echo };

export const FormCreate = Type.Object(
  {
    name: formWritable.name,
    description: Type.Optional(formWritable.description),
    parameters: Type.Optional(formWritable.parameters),
    ...formEchoes,
  },
  { additionalProperties: false },
);

export const FormPut = Type.Partial(Type.Object({ ...formWritable, ...formEchoes }), {
  additionalProperties: false,
});

const ParameterRef = Type.Object({ id: Type.String(), name: Type.String() });

export const FormObject = Type.Object({
  id: Type.String({ examples: ["FRM-0000-0001"] }),
  revision: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  status: Type.Union([Type.Literal("Draft"), Type.Literal("Published"), Type.Literal("Unpublished")]),
  parameters: Type.Array(Type.Object({ ...ParameterRef.properties, displayOrder: Type.Integer() })),
  audit: Audit,
});

/** A value for one parameter: the parameter by id (`parameter.id`, or `id`), and the value (null clears it). */
const ValueWrite = Type.Object(
  {
    parameter: Type.Optional(Ref),
    id: Type.Optional(Type.String({ maxLength: 64 })),
    value: Type.Optional(Type.Unknown()),
    name: Echo,
    displayOrder: Echo,
    constraints: Echo,
    error: Echo,
  },
  { additionalProperties: false },
);
const Values = Type.Array(ValueWrite, { maxItems: 500 });

const answerEchoes = { id: Echo, chat: Echo, status: Echo, revision: Echo, audit: Echo };

export const AnswerCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: ANSWER_LIMITS.name }),
    form: Ref,
    ...answerEchoes,
    parameters: Echo,
  },
  { additionalProperties: false },
);

export const AnswerPut = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: ANSWER_LIMITS.name })),
    parameters: Type.Optional(Values),
    form: Echo,
    ...answerEchoes,
  },
  { additionalProperties: false },
);

export const AnswerValidate = Type.Object(
  {
    parameters: Type.Array(ValueWrite, { minItems: 1, maxItems: 500 }),
    name: Echo,
    form: Echo,
    ...answerEchoes,
  },
  { additionalProperties: false },
);

export const AnswerObject = Type.Object({
  id: Type.String({ examples: ["ANS-0000-0000-0001"] }),
  chat: Type.Object({ id: Type.String() }),
  form: Type.Object({ id: Type.String(), name: Type.String() }),
  name: Type.String(),
  status: Type.Union([
    Type.Literal("Draft"),
    Type.Literal("Submitted"),
    Type.Literal("Querying"),
    Type.Literal("Accepted"),
  ]),
  parameters: Type.Array(
    Type.Object({
      parameter: Type.Object({ id: Type.String() }),
      name: Type.String(),
      displayOrder: Type.Integer(),
      value: Type.Unknown(),
      constraints: Type.Object({
        required: Type.Boolean(),
        readonly: Type.Boolean(),
        hidden: Type.Boolean(),
      }),
      error: Type.Union([Type.Object({ message: Type.String() }), Type.Null()]),
    }),
  ),
  revision: Type.Integer(),
  audit: Audit,
});
