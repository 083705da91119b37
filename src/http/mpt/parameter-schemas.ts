/** Parameter definitions on the wire: what clients send (read-only echoes ignored) and read back. */
import { Type } from "typebox";
import { PARAMETER_TYPES } from "./parameter-types.ts";
import { Audit, Echo, OneOfWords, Text } from "./schemas.ts";

/** A choice of a Choice or DropDown parameter: its value, or the value and the label shown for it. */
const ChoiceIn = Type.Union([
  Type.String({ minLength: 1, maxLength: 255 }),
  Type.Object(
    {
      value: Type.String({ minLength: 1, maxLength: 255 }),
      label: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    },
    { additionalProperties: false },
  ),
]);

const parameterWritable = {
  name: Type.String({ minLength: 1, maxLength: 255 }),
  description: Text(2000),
  externalId: Type.String({ minLength: 1, maxLength: 64 }),
  scope: OneOfWords("Case", "Form"),
  phase: OneOfWords("Request", "Response"),
  type: OneOfWords(...PARAMETER_TYPES),
  multiple: Type.Boolean(),
  displayOrder: Type.Integer({ minimum: 0, maximum: 100000 }),
  status: OneOfWords("Active", "Inactive"),
  constraints: Type.Object(
    {
      required: Type.Optional(Type.Boolean()),
      readonly: Type.Optional(Type.Boolean()),
      hidden: Type.Optional(Type.Boolean()),
      visibleToReporter: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  options: Type.Object(
    {
      hintText: Type.Optional(Text(1000)),
      placeholderText: Type.Optional(Text(255)),
      choices: Type.Optional(Type.Array(ChoiceIn, { maxItems: 500 })),
    },
    { additionalProperties: false },
  ),
};
const parameterEchoes = { id: Echo, revision: Echo, statistics: Echo, audit: Echo, account: Echo };

export const ParameterCreate = Type.Object(
  {
    name: parameterWritable.name,
    scope: parameterWritable.scope,
    type: parameterWritable.type,
    description: Type.Optional(parameterWritable.description),
    externalId: Type.Optional(parameterWritable.externalId),
    phase: Type.Optional(parameterWritable.phase),
    multiple: Type.Optional(parameterWritable.multiple),
    displayOrder: Type.Optional(parameterWritable.displayOrder),
    status: Type.Optional(parameterWritable.status),
    constraints: Type.Optional(parameterWritable.constraints),
    options: Type.Optional(parameterWritable.options),
    ...parameterEchoes,
  },
  { additionalProperties: false },
);

export const ParameterPut = Type.Partial(Type.Object({ ...parameterWritable, ...parameterEchoes }), {
  additionalProperties: false,
});

export const ParameterObject = Type.Object({
  id: Type.String({ examples: ["PAR-0000-0001"] }),
  revision: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  externalId: Type.String(),
  scope: Type.Enum(["Case", "Form"]),
  phase: Type.Enum(["Request", "Response"]),
  type: Type.Enum([...PARAMETER_TYPES]),
  multiple: Type.Boolean(),
  displayOrder: Type.Integer(),
  status: Type.Enum(["Active", "Inactive"]),
  constraints: Type.Object({
    required: Type.Boolean(),
    readonly: Type.Boolean(),
    hidden: Type.Boolean(),
    visibleToReporter: Type.Boolean(),
  }),
  options: Type.Object({
    hintText: Type.String(),
    placeholderText: Type.String(),
    choices: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
  }),
  statistics: Type.Object({
    groupsCount: Type.Integer(),
    formsCount: Type.Integer(),
    casesCount: Type.Integer(),
  }),
  audit: Audit,
});
