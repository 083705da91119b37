/** MPT Helpdesk wire schemas: what clients send (read-only echoes allowed and ignored) and what they read back. */
import { type TObject, Type } from "typebox";
import { anyCasePattern } from "../validation.ts";

export const Text = (maxLength: number) => Type.String({ maxLength });

/** A reference as MPT clients send one: `{id}` plus whatever else they echo (name, icon…), which is ignored. */
export const Ref = Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: true });
export const NullableRef = Type.Union([Ref, Type.Null()]);
/** What a client may echo from a response; read-only, ignored. */
export const Echo = Type.Optional(Type.Unknown());

export const IdParams = Type.Object({ id: Type.String() });
export const MessageParams = Type.Object({ id: Type.String(), messageId: Type.String() });

/** A case's parameter value as sent: the parameter (`parameter: {id}`, or the value's own `id`), its value. */
const ParameterValueIn = Type.Object(
  {
    parameter: Type.Optional(Ref),
    id: Type.Optional(Type.String({ maxLength: 64 })),
    value: Type.Unknown({ description: "The value, of the parameter's type; null clears it" }),
    name: Echo,
    externalId: Echo,
    displayValue: Echo,
    displayOrder: Echo,
    scope: Echo,
    phase: Echo,
    constraints: Echo,
    error: Echo,
  },
  { additionalProperties: false },
);
const ParameterValues = Type.Optional(Type.Array(ParameterValueIn, { maxItems: 200 }));

export const CaseCreate = Type.Object(
  {
    queue: Type.Optional(Ref),
    chat: Type.Optional(
      Type.Object(
        {
          // The opening message: a case's chat starts with one.
          lastMessage: Type.Object(
            { content: Type.String({ minLength: 1, maxLength: 100_000 }) },
            { additionalProperties: true },
          ),
          name: Type.Optional(Text(500)),
          description: Type.Optional(Text(100_000)),
        },
        { additionalProperties: true },
      ),
    ),
    account: Type.Optional(Ref),
    reporter: Type.Optional(Ref),
    assignee: Type.Optional(NullableRef),
    awaiting: Type.Optional(Type.Boolean()),
    queryPrompt: Type.Optional(Type.Union([Text(10_000), Type.Null()])),
    parameters: ParameterValues,
    id: Echo,
    revision: Echo,
    status: Echo,
    audit: Echo,
  },
  { additionalProperties: false },
);

export const CasePut = Type.Object(
  {
    queue: Type.Optional(NullableRef),
    assignee: Type.Optional(NullableRef),
    reporter: Type.Optional(NullableRef),
    account: Type.Optional(NullableRef),
    awaiting: Type.Optional(Type.Boolean()),
    queryPrompt: Type.Optional(Type.Union([Text(10_000), Type.Null()])),
    revision: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    parameters: ParameterValues,
    id: Echo,
    chat: Echo,
    status: Echo,
    audit: Echo,
  },
  { additionalProperties: false },
);

/** Action bodies are optional; `query` may carry the prompt, any may carry the revision the client saw. */
export const ActionBody = Type.Union([
  Type.Object(
    {
      queryPrompt: Type.Optional(Type.Union([Text(10_000), Type.Null()])),
      revision: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    },
    { additionalProperties: true },
  ),
  Type.Null(),
]);

const queueWritable = {
  name: Type.String({ minLength: 1, maxLength: 255 }),
  shortDescription: Text(500),
  description: Text(10_000),
  externalId: Type.Union([Text(255), Type.Null()]),
  internal: Type.Boolean(),
  default: Type.Boolean(),
  account: Ref,
};
const queueEchoes = { id: Echo, revision: Echo, status: Echo, statistics: Echo, audit: Echo, icon: Echo };

export const QueueCreate = Type.Object(
  {
    ...queueWritable,
    shortDescription: Type.Optional(queueWritable.shortDescription),
    description: Type.Optional(queueWritable.description),
    externalId: Type.Optional(queueWritable.externalId),
    internal: Type.Optional(queueWritable.internal),
    default: Type.Optional(queueWritable.default),
    account: Type.Optional(queueWritable.account),
    ...queueEchoes,
  },
  { additionalProperties: false },
);

export const QueuePut = Type.Partial(Type.Object({ ...queueWritable, ...queueEchoes }), {
  additionalProperties: false,
});

export const ChatPut = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    description: Type.Optional(Text(100_000)),
    revision: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    id: Echo,
    type: Echo,
    case: Echo,
    lastMessage: Echo,
    participants: Echo,
    audit: Echo,
  },
  { additionalProperties: false },
);

/** One of `words`, in any letter case (wire enums are PascalCase, read case-insensitively). */
export const OneOfWords = (...words: string[]) => Type.String({ pattern: anyCasePattern(words) });

const Visibility = OneOfWords("Public", "Private");

export const MessagePost = Type.Object(
  {
    content: Type.String({ minLength: 1, maxLength: 100_000 }),
    visibility: Type.Optional(Visibility),
    chat: Echo,
  },
  { additionalProperties: false },
);

export const MessagePut = Type.Object(
  {
    content: Type.Optional(Type.String({ minLength: 1, maxLength: 100_000 })),
    visibility: Type.Optional(Visibility),
    id: Echo,
    chat: Echo,
    sender: Echo,
    isDeleted: Echo,
    audit: Echo,
  },
  { additionalProperties: false },
);

// Responses: documented for the OpenAPI document (presenters build them; responses are not re-validated).
export const Identity = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]);
const Event = Type.Object({ at: Type.String({ format: "date-time" }), by: Identity });
export const Audit = Type.Object({ created: Type.Optional(Event), updated: Type.Optional(Event) });

export const CaseObject = Type.Object({
  id: Type.String({ examples: ["CAS-0000-0000-0042"] }),
  chat: Type.Object({ id: Type.String(), type: Type.Literal("Case") }),
  revision: Type.Integer(),
  parameters: Type.Array(
    Type.Object({
      id: Type.String({ examples: ["PAR-0000-0007"] }),
      parameter: Type.Object({ id: Type.String() }),
      name: Type.String(),
      externalId: Type.String(),
      value: Type.Unknown(),
      displayValue: Type.String(),
      displayOrder: Type.Integer(),
      scope: Type.Literal("Case"),
      phase: Type.Union([Type.Literal("Request"), Type.Literal("Response")]),
      constraints: Type.Object({
        required: Type.Boolean(),
        readonly: Type.Boolean(),
        hidden: Type.Boolean(),
        visibleToReporter: Type.Boolean(),
      }),
    }),
  ),
  status: Type.Union([Type.Literal("Processing"), Type.Literal("Querying"), Type.Literal("Completed")]),
  awaiting: Type.Optional(Type.Boolean({ description: "Shown to operations users only." })),
  queryPrompt: Type.Union([Type.String(), Type.Null()]),
  queue: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  assignee: Type.Union([
    Type.Object({
      id: Type.String(),
      email: Type.String(),
      firstName: Type.String(),
      lastName: Type.String(),
    }),
    Type.Null(),
  ]),
  account: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  reporter: Identity,
  audit: Audit,
});

export const QueueObject = Type.Object({
  id: Type.String({ examples: ["HQU-0000-0001"] }),
  revision: Type.Integer(),
  name: Type.String(),
  shortDescription: Type.String(),
  description: Type.String(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal("Active"), Type.Literal("Disabled")]),
  default: Type.Boolean(),
  internal: Type.Boolean(),
  account: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  statistics: Type.Object({ totalCasesCount: Type.Integer(), openCasesCount: Type.Integer() }),
  audit: Audit,
});

export const MessageObject = Type.Object({
  id: Type.String({ examples: ["MSG-0000-0000-0007"] }),
  chat: Type.Object({ id: Type.String() }),
  sender: Identity,
  content: Type.String(),
  visibility: Type.Union([Type.Literal("Public"), Type.Literal("Private")]),
  isDeleted: Type.Boolean(),
  audit: Audit,
});

export const ChatObject = Type.Object({
  id: Type.String({ examples: ["CHT-0000-0000-0042"] }),
  revision: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  type: Type.Literal("Case"),
  case: Type.Object({ id: Type.String() }),
  lastMessage: Type.Union([MessageObject, Type.Null()]),
  audit: Audit,
});

/** `select=-a` may leave any property out of a list's items, so they are documented as partial. */
export const ListOf = (item: TObject) =>
  Type.Object({
    $meta: Type.Object({
      pagination: Type.Object({ offset: Type.Integer(), limit: Type.Integer(), total: Type.Integer() }),
    }),
    data: Type.Array(Type.Partial(item)),
  });

export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  traceId: Type.String(),
  errors: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
});
