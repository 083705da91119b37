/** Parameter definitions on the wire: what clients send (read-only echoes ignored) and read back. */
import { Type } from "typebox";
import { PARAMETER_TYPES } from "./parameter-types.ts";
import { Audit, Echo, OneOfWords, Ref, Text } from "./schemas.ts";

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

const groupWritable = {
  name: Type.String({ minLength: 1, maxLength: 255 }),
  label: Text(255),
  description: Text(2000),
};
const groupEchoes = { id: Echo, revision: Echo, statistics: Echo, audit: Echo };

export const GroupCreate = Type.Object(
  {
    name: groupWritable.name,
    label: Type.Optional(groupWritable.label),
    description: Type.Optional(groupWritable.description),
    ...groupEchoes,
  },
  { additionalProperties: false },
);

export const GroupPut = Type.Partial(Type.Object({ ...groupWritable, ...groupEchoes }), {
  additionalProperties: false,
});

export const GroupObject = Type.Object({
  id: Type.String({ examples: ["PGR-0000-0001"] }),
  revision: Type.Integer(),
  name: Type.String(),
  label: Type.String(),
  description: Type.String(),
  statistics: Type.Object({ parametersCount: Type.Integer() }),
  audit: Audit,
});

const Order = Type.Integer({ minimum: 0, maximum: 100000 });
const memberEchoes = { group: Echo, revision: Echo, audit: Echo };

/** A parameter joins a group as `{id: "PAR-…"}` or `{parameter: {id: "PAR-…"}}`, `parameter` winning. */
export const MemberCreate = Type.Object(
  {
    id: Type.Optional(Type.String({ maxLength: 64 })),
    parameter: Type.Optional(Ref),
    displayOrder: Type.Optional(Order),
    ...memberEchoes,
  },
  { additionalProperties: false },
);

export const MemberPut = Type.Object(
  { displayOrder: Type.Optional(Order), id: Echo, parameter: Echo, ...memberEchoes },
  { additionalProperties: false },
);

export const MemberParams = Type.Object({ id: Type.String(), parameterId: Type.String() });

export const MemberObject = Type.Object({
  id: Type.String({ examples: ["PAR-0000-0007"] }),
  group: Type.Object({ id: Type.String(), name: Type.String() }),
  parameter: Type.Object({
    id: Type.String(),
    name: Type.String(),
    externalId: Type.String(),
    scope: Type.Enum(["Case", "Form"]),
    type: Type.Enum([...PARAMETER_TYPES]),
  }),
  displayOrder: Type.Integer(),
  revision: Type.Integer(),
  audit: Audit,
});
