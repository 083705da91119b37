/** Wire schemas of the Talkdesk Case API: they validate requests and generate the dialect's OpenAPI document. */
import { type TSchema, Type } from "typebox";

const Str = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });
const Optional = <T extends TSchema>(schema: T) => Type.Optional(schema);
/** Ids arrive as numeric strings; numbers and empty strings (clear) are read too. */
const IdIn = (description: string) =>
  Type.Union([Type.String({ maxLength: 255 }), Type.Integer({ minimum: 0 }), Type.Null()], { description });

export const LIMITS = {
  title: 150,
  description: 2000,
  resolution: 2000,
  noteTitle: 255,
  noteBody: 100_000,
} as const;

const NoteIn = Type.Object(
  {
    note_title: Optional(Type.Union([Str(LIMITS.noteTitle), Type.Null()])),
    note_body: Optional(Str(LIMITS.noteBody)),
    notes_title: Optional(
      Type.Union([Str(LIMITS.noteTitle), Type.Null()], { description: "Alias of note_title" }),
    ),
    notes_body: Optional(Str(LIMITS.noteBody, "Alias of note_body")),
    public: Optional(Type.Boolean({ description: "Public notes are seen by requesters; default false" })),
  },
  { additionalProperties: false },
);

const CustomFieldsIn = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 500 });

export const CaseCreate = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: LIMITS.title }),
    description: Str(LIMITS.description),
    parent_id: Optional(IdIn("The parent case (this case becomes its subcase)")),
    owner_id: Optional(IdIn("The assignee, a user id")),
    priority: Optional(Str(255, "LOW, NORMAL, HIGH or URGENT (any case)")),
    type: Optional(Str(255, "QUESTION, INCIDENT, PROBLEM or TASK (any case)")),
    status: Optional(Str(255, "NEW, OPEN, PENDING, ON_HOLD (or ON-HOLD) or RESOLVED")),
    group_id: Optional(IdIn("The queue")),
    requester_email: Optional(Str(255)),
    requester_name: Optional(Str(255)),
    requester_type: Optional(Str(255, "Contact")),
    resolution: Optional(Str(LIMITS.resolution)),
    solve_reason: Optional(Str(255)),
    custom_fields: Optional(CustomFieldsIn),
    notes: Optional(Type.Array(NoteIn, { maxItems: 100 })),
  },
  { additionalProperties: false },
);

export const CasePatch = Type.Object(
  {
    title: Optional(Type.String({ minLength: 1, maxLength: LIMITS.title })),
    description: Optional(Str(LIMITS.description)),
    parent_id: Optional(IdIn("The parent case; empty or null: none")),
    owner_id: Optional(IdIn("The assignee; empty or null unassigns")),
    priority: Optional(Str(255)),
    type: Optional(Str(255)),
    status: Optional(Str(255)),
    group_id: Optional(IdIn("The queue")),
    resolution: Optional(Type.Union([Str(LIMITS.resolution), Type.Null()])),
    solve_reason: Optional(Type.Union([Str(255), Type.Null()])),
    custom_fields: Optional(CustomFieldsIn),
    notes: Optional(Type.Array(NoteIn, { maxItems: 100, description: "Appended to the case's notes" })),
  },
  { additionalProperties: false },
);

export const NotePatch = Type.Object(
  {
    note_title: Optional(Type.Union([Str(LIMITS.noteTitle), Type.Null()])),
    note_body: Optional(Str(LIMITS.noteBody)),
    notes_title: Optional(Type.Union([Str(LIMITS.noteTitle), Type.Null()])),
    notes_body: Optional(Str(LIMITS.noteBody)),
    public: Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Note = Type.Object({
  id: Type.String(),
  note_title: Type.String(),
  note_body: Type.String(),
  notes_title: Type.String({ description: "The same as note_title (the published OpenAPI's spelling)" }),
  notes_body: Type.String({ description: "The same as note_body" }),
  public: Type.Boolean(),
});

const OptStr = (description?: string) => Optional(Type.String(description ? { description } : {}));

export const Case = Type.Object({
  id: Type.String({ description: "The case number, as a string" }),
  title: Type.String(),
  description: Type.String(),
  status: Type.String(),
  priority: Type.String(),
  type: OptStr(),
  parent_id: OptStr(),
  owner_id: OptStr(),
  agent_id: OptStr(),
  agent_name: OptStr(),
  group_id: OptStr(),
  group_name: OptStr(),
  requester_id: OptStr(),
  requester_name: OptStr(),
  requester_email: OptStr(),
  requester_phone: OptStr(),
  requester_type: OptStr(),
  resolution: OptStr(),
  solve_reason: OptStr(),
  custom_fields: Type.Record(Type.String(), Type.Unknown()),
  notes: Type.Array(Note),
  create_at: Type.String({ format: "date-time" }),
  update_at: Type.String({ format: "date-time" }),
});

const Link = Type.Object({ href: Type.String() });
export const CasePage = Type.Object({
  total: Type.Integer({ description: "Exact up to 10,000 matches, the planner's estimate beyond" }),
  count: Type.Integer(),
  page: Type.Integer(),
  per_page: Type.Integer(),
  _links: Type.Object({ self: Link, prev: Optional(Link), next: Optional(Link) }),
  _embedded: Type.Object({ data: Type.Array(Case) }),
});

const List = Optional(Type.Array(Type.String({ maxLength: 4096 }), { maxItems: 500 }));
export const ListQuery = Type.Object(
  {
    page: Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, default: 1 })),
    per_page: Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    ids: List,
    "ids[]": List,
    status: List,
    priority: List,
    type: List,
    agent_id: Optional(Str(255)),
    agent_name: Optional(Str(125)),
    agent_email: Optional(Str(255)),
    requester_type: Optional(Str(255)),
    requester_id: Optional(Str(255)),
    requester_name: Optional(Str(125)),
    requester_email: Optional(Str(255)),
    requester_phone: Optional(Str(20)),
    title: Optional(Str(255)),
    description: Optional(Str(2000)),
    create_at: List,
    update_at: List,
    custom_fields: List,
    order_by: Optional(Str(255, "create_at or update_at")),
    sort: Optional(Str(255, "ASC or DESC")),
  },
  { additionalProperties: false },
);

export const ContactQuery = Type.Object(
  {
    id: Optional(Str(255)),
    name: Optional(Str(255)),
    email: Optional(Str(255)),
    phone: Optional(Str(255)),
    integration: Optional(Str(255, "Accepted and not used: contacts live in Casework")),
    status: Optional(Str(255, "ALL, UNRESOLVED or RESOLVED")),
  },
  { additionalProperties: false },
);

export const IdsQuery = Type.Object(
  { ids: Type.Array(Type.String({ maxLength: 4096 }), { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export const Ids = Type.Object({ ids: Type.Array(Type.Integer()) });

export const IdParams = Type.Object({ id: Type.String({ maxLength: 255 }) });
export const NoteParams = Type.Object({ note_id: Type.String({ maxLength: 255 }) });

const DictEntry: TSchema = Type.Cyclic(
  {
    DictEntry: Type.Object({
      key: Type.String({ description: "The option's value" }),
      value: Type.String({ description: "The option's label" }),
      children: Type.Array(Type.Ref("DictEntry")),
    }),
  },
  "DictEntry",
);
export const FieldDefinition = Type.Object({
  id: Type.String(),
  key: Type.String(),
  name: Type.String(),
  type: Type.String({
    description:
      "001 drop-down, 002 dependent, 003 text, 004 multi-line text, 005 checkbox, 006 date, 007 numeric, 008 decimal, 009 multi-select",
  }),
  description: Type.String(),
  dict_list: Type.Array(DictEntry),
  required: Type.Boolean(),
  active: Type.Boolean(),
  create_at: Type.String({ format: "date-time" }),
  update_at: Type.String({ format: "date-time" }),
  created_at: Type.String({ format: "date-time" }),
  updated_at: Type.String({ format: "date-time" }),
});

export const ErrorBody = Type.Object({
  code: Type.String({ description: "Stable error code" }),
  message: Type.String(),
  description: Type.String(),
  fields: Type.Array(Type.Object({ name: Type.String(), description: Type.String() })),
});

/** The error responses every route documents. */
export const ERRORS = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
};
