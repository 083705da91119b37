/** Wire schemas of the native API: they validate requests, serialise responses and make the OpenAPI document. */
import { type TSchema, Type } from "typebox";
import { ACCOUNT_TYPES, SCOPES } from "../../domain/access.ts";
import { CASE_TYPES, LIMITS, PRIORITIES } from "../../domain/cases/case.ts";
import { STATUS_CATEGORIES, STATUSES } from "../../domain/cases/status.ts";
import { FIELD_OBJECTS, FIELD_TYPES } from "../../domain/fields/definition.ts";
import { ENTRY_KINDS, VISIBILITIES } from "../../domain/timeline/entry.ts";
import { SORT_FIELDS } from "../../store/case-list.ts";

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: "date-time" });
const Id = Type.String({ description: "Numeric id, as a string", examples: ["42"] });
/** References accept the id as a string or an integer. */
export const IdRef = Type.Union([
  Type.String({ pattern: "^[1-9][0-9]{0,15}$" }),
  // Larger numbers lose precision and would reach SQL as NaN (a 500).
  Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
]);
const CustomFields = Type.Record(Type.String(), Type.Unknown(), {
  description: "Custom field values keyed by field key; null clears a value.",
});

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: "Stable snake_case error code" }),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { description: "RFC 9457 problem details (application/problem+json)" },
);

/** The error responses every route documents (problem+json). */
export const errors = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  412: Problem,
  413: Problem,
  415: Problem,
  422: Problem,
  503: Problem,
};

export const IdParams = Type.Object({ id: Type.String() });

const OriginAuthor = Type.Object({
  service: Type.String(),
  serviceId: Type.String(),
  handle: Type.String(),
  name: Type.String(),
  brandOwned: Type.Boolean(),
});
const Origin = Type.Object(
  {
    service: Type.String({ minLength: 1, maxLength: 100 }),
    serviceId: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
    linkUrl: Type.Optional(Nullable(Type.String({ maxLength: 2048 }))),
    contentType: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    createdAt: Type.Optional(Nullable(Timestamp)),
    author: Type.Optional(Nullable(OriginAuthor)),
  },
  { additionalProperties: false },
);

export const EntryCreate = Type.Object(
  {
    kind: Type.Enum([...ENTRY_KINDS]),
    visibility: Type.Optional(Type.Enum([...VISIBILITIES])),
    title: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.entryTitle }))),
    body: Type.String({ minLength: 1, maxLength: LIMITS.entryBody }),
    origin: Type.Optional(Nullable(Origin)),
  },
  { additionalProperties: false },
);

export const EntryPatch = Type.Object(
  {
    title: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.entryTitle }))),
    body: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.entryBody })),
    visibility: Type.Optional(Type.Enum([...VISIBILITIES])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const EntryParams = Type.Object({ id: Type.String(), entryId: Type.String() });

export const Entry = Type.Object({
  id: Id,
  caseId: Id,
  kind: Type.Enum([...ENTRY_KINDS]),
  visibility: Type.Enum([...VISIBILITIES]),
  author: Type.Object({ type: Type.String(), id: Nullable(Id) }),
  title: Nullable(Type.String()),
  body: Type.String(),
  origin: Nullable(
    Type.Object({
      service: Type.String(),
      serviceId: Nullable(Type.String()),
      linkUrl: Nullable(Type.String()),
      contentType: Nullable(Type.String()),
      createdAt: Nullable(Timestamp),
      author: Nullable(OriginAuthor),
    }),
  ),
  revision: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const caseWritable = {
  title: Type.String({ minLength: 1, maxLength: LIMITS.title }),
  description: Type.String({ maxLength: LIMITS.description }),
  // `closed` is accepted here so the domain, not the schema, answers it (409 invalid_transition) as in every dialect.
  status: Type.Enum([...STATUSES], {
    description: "`closed` is set only by the system; asking for it is a 409",
  }),
  priority: Type.Enum([...PRIORITIES]),
  type: Nullable(Type.Enum([...CASE_TYPES])),
  parentId: Nullable(IdRef),
  queueId: Nullable(IdRef),
  assigneeId: Nullable(IdRef),
  reporterId: Nullable(IdRef),
  requesterId: Nullable(IdRef),
  accountId: Nullable(IdRef),
  resolution: Nullable(Type.String({ maxLength: LIMITS.resolution })),
  solveReason: Nullable(Type.String({ maxLength: LIMITS.solveReason })),
  awaiting: Type.Boolean(),
  queryPrompt: Nullable(Type.String({ maxLength: LIMITS.queryPrompt })),
  customFields: CustomFields,
  tags: Type.Array(Type.String({ maxLength: LIMITS.tag }), { maxItems: LIMITS.tags }),
};

const optionalAll = <T extends Record<string, TSchema>>(props: T) =>
  Object.fromEntries(Object.entries(props).map(([key, schema]) => [key, Type.Optional(schema)])) as {
    [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>>;
  };

export const CaseCreate = Type.Object(
  {
    ...optionalAll(caseWritable),
    title: caseWritable.title,
    requester: Type.Optional(
      Type.Object(
        {
          email: Type.String({ format: "email", maxLength: 320 }),
          name: Type.Optional(Type.String({ maxLength: 255 })),
          phone: Type.Optional(Type.String({ maxLength: 50 })),
        },
        {
          additionalProperties: false,
          description: "Found by email, or created, when requesterId is not given",
        },
      ),
    ),
    timeline: Type.Optional(Type.Array(EntryCreate, { maxItems: LIMITS.entriesPerWrite })),
  },
  { additionalProperties: false },
);

export const CasePatch = Type.Object(optionalAll(caseWritable), {
  additionalProperties: false,
  minProperties: 1,
});

export const Case = Type.Object({
  id: Id,
  number: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  status: Type.Enum([...STATUSES]),
  statusCategory: Type.Enum([...STATUS_CATEGORIES], {
    description: "new, open, pending and on_hold are unresolved",
  }),
  priority: Type.Enum([...PRIORITIES]),
  type: Nullable(Type.Enum([...CASE_TYPES])),
  parentId: Nullable(Id),
  queueId: Nullable(Id),
  assigneeId: Nullable(Id),
  reporterId: Nullable(Id),
  requesterId: Nullable(Id),
  accountId: Nullable(Id),
  resolution: Nullable(Type.String()),
  solveReason: Nullable(Type.String()),
  awaiting: Type.Optional(Type.Boolean({ description: "Shown to operations users only" })),
  queryPrompt: Nullable(Type.String()),
  customFields: CustomFields,
  tags: Type.Array(Type.String()),
  revision: Type.Integer({ description: "Starts at 1, +1 on every change; also the ETag" }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  resolvedAt: Nullable(Timestamp),
  closedAt: Nullable(Timestamp),
  trashedAt: Nullable(Timestamp),
});

export const CaseCreated = Type.Object({ ...Case.properties, timeline: Type.Array(Entry) });

const csv = (description: string) =>
  Type.Optional(Type.String({ description: `${description} (comma-separated)` }));
export const CaseListQuery = Type.Object(
  {
    status: csv("Statuses"),
    priority: csv("Priorities"),
    type: csv("Types"),
    queueId: csv("Queue ids"),
    assigneeId: csv("Assignee ids; `none` for unassigned"),
    requesterId: csv("Requester contact ids"),
    parentId: Type.Optional(
      Type.String({ pattern: "^[1-9][0-9]{0,15}$", description: "Subcases of this case" }),
    ),
    tag: csv("Tags the case must all carry"),
    createdAfter: Type.Optional(Timestamp),
    createdBefore: Type.Optional(Timestamp),
    updatedAfter: Type.Optional(Timestamp),
    updatedBefore: Type.Optional(Timestamp),
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: "Words in title, description or timeline" }),
    ),
    trashed: Type.Optional(Type.Boolean({ description: "List the trash instead" })),
    sort: Type.Optional(Type.Enum([...SORT_FIELDS, ...SORT_FIELDS.map((field) => `-${field}`)])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    data: Type.Array(item),
    next: Nullable(Type.String({ description: "Opaque cursor of the next page" })),
  });

export const AuditRecord = Type.Object({
  id: Id,
  action: Type.String(),
  revision: Nullable(Type.Integer()),
  at: Timestamp,
  actor: Type.Object({ type: Type.String(), id: Nullable(Id), label: Type.String() }),
  context: Type.Record(Type.String(), Type.Unknown()),
  changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
});

const Handle = Type.Object(
  {
    service: Type.String({ minLength: 1, maxLength: 100 }),
    handle: Type.String({ minLength: 1, maxLength: 255 }),
    serviceId: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
    profileUrl: Type.Optional(Nullable(Type.String({ maxLength: 2048 }))),
  },
  { additionalProperties: false },
);
const contactWritable = {
  name: Type.String({ maxLength: 255 }),
  email: Nullable(Type.String({ format: "email", maxLength: 320 })),
  phone: Nullable(Type.String({ maxLength: 50 })),
  accountId: Nullable(IdRef),
  handles: Type.Array(Handle, { maxItems: 50 }),
  customFields: CustomFields,
};
export const ContactWrite = Type.Object(optionalAll(contactWritable), { additionalProperties: false });
export const Contact = Type.Object({
  id: Id,
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  accountId: Nullable(Id),
  handles: Type.Array(
    Type.Object({
      service: Type.String(),
      handle: Type.String(),
      serviceId: Nullable(Type.String()),
      profileUrl: Nullable(Type.String()),
    }),
  ),
  customFields: CustomFields,
  revision: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const ContactListQuery = Type.Object(
  {
    ...PageQuery.properties,
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    email: Type.Optional(Type.String({ maxLength: 320 })),
    handle: Type.Optional(Type.String({ maxLength: 255 })),
    service: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

const FieldOption: TSchema = Type.Cyclic(
  {
    FieldOption: Type.Object(
      {
        value: Type.String({ minLength: 1, maxLength: 255 }),
        label: Type.String({ minLength: 1, maxLength: 255 }),
        children: Type.Optional(Type.Array(Type.Ref("FieldOption"), { maxItems: 500 })),
      },
      { additionalProperties: false },
    ),
  },
  "FieldOption",
);
const fieldWritable = {
  label: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.String({ maxLength: 2000 }),
  options: Type.Array(FieldOption, { maxItems: 500 }),
  required: Type.Boolean(),
  searchable: Type.Boolean(),
  active: Type.Boolean(),
  displayOrder: Type.Integer({ minimum: 0, maximum: 100000 }),
  hidden: Type.Boolean(),
  readonly: Type.Boolean(),
  visibleToReporter: Type.Boolean(),
};
export const FieldCreate = Type.Object(
  {
    ...optionalAll(fieldWritable),
    object: Type.Enum([...FIELD_OBJECTS]),
    key: Type.String({ minLength: 1, maxLength: 64 }),
    label: fieldWritable.label,
    type: Type.Enum([...FIELD_TYPES]),
  },
  { additionalProperties: false },
);
export const FieldPatch = Type.Object(optionalAll(fieldWritable), {
  additionalProperties: false,
  minProperties: 1,
});
export const Field = Type.Object({
  id: Id,
  object: Type.Enum([...FIELD_OBJECTS]),
  key: Type.String(),
  type: Type.Enum([...FIELD_TYPES]),
  ...fieldWritable,
  options: Type.Array(Type.Unknown()),
  revision: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const FieldListQuery = Type.Object(
  { object: Type.Optional(Type.Enum([...FIELD_OBJECTS])) },
  { additionalProperties: false },
);

const queueWritable = {
  name: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.String({ maxLength: 2000 }),
  externalId: Nullable(Type.String({ maxLength: 255 })),
  ownerAccountId: Nullable(IdRef),
  internal: Type.Boolean(),
  active: Type.Boolean(),
  isDefault: Type.Boolean(),
};
export const QueueCreate = Type.Object(
  { ...optionalAll(queueWritable), name: queueWritable.name },
  { additionalProperties: false },
);
export const QueuePatch = Type.Object(optionalAll(queueWritable), {
  additionalProperties: false,
  minProperties: 1,
});
export const Queue = Type.Object({
  id: Id,
  name: Type.String(),
  description: Type.String(),
  externalId: Nullable(Type.String()),
  ownerAccountId: Nullable(Id),
  internal: Type.Boolean(),
  active: Type.Boolean(),
  isDefault: Type.Boolean(),
  revision: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const AccountWrite = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    type: Type.Enum([...ACCOUNT_TYPES]),
  },
  { additionalProperties: false },
);
export const AccountPatch = Type.Object(optionalAll(AccountWrite.properties), {
  additionalProperties: false,
  minProperties: 1,
});
export const Account = Type.Object({
  id: Id,
  name: Type.String(),
  type: Type.String(),
  revision: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const UserCreate = Type.Object(
  {
    accountId: IdRef,
    email: Type.String({ format: "email", maxLength: 320 }),
    name: Type.String({ minLength: 1, maxLength: 255 }),
  },
  { additionalProperties: false },
);
export const UserPatch = Type.Object(
  { ...optionalAll(UserCreate.properties), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export const User = Type.Object({
  id: Id,
  accountId: Id,
  email: Type.String(),
  name: Type.String(),
  active: Type.Boolean(),
  revision: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const KeyCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    scopes: Type.Array(Type.Enum([...SCOPES]), { minItems: 1, uniqueItems: true }),
    userId: Type.Optional(IdRef),
  },
  { additionalProperties: false },
);
export const Key = Type.Object({
  id: Id,
  name: Type.String(),
  prefix: Type.String({ description: "The first characters of the key, to recognise it" }),
  userId: Id,
  scopes: Type.Array(Type.String()),
  createdAt: Timestamp,
  revokedAt: Nullable(Timestamp),
});
export const KeyCreated = Type.Object({
  ...Key.properties,
  key: Type.String({ description: "The secret; shown only in this response" }),
});

export const WorkspaceSettings = Type.Object({
  id: Id,
  slug: Type.String(),
  name: Type.String(),
  resolutionRequired: Type.Boolean(),
  closeDelaySeconds: Type.Integer({ description: "Seconds after which resolved cases close; 0 = never" }),
});
export const WorkspacePatch = Type.Object(
  {
    resolutionRequired: Type.Optional(Type.Boolean()),
    closeDelaySeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 31_536_000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
