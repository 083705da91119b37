/** Wire schemas of cases, their timeline and their history. */
import { Type } from "typebox";
import { CASE_TYPES, LIMITS, PRIORITIES } from "../../../domain/cases/case.ts";
import { SORT_FIELDS } from "../../../domain/cases/list-query.ts";
import { STATUS_CATEGORIES, STATUSES } from "../../../domain/cases/status.ts";
import { ENTRY_KINDS, VISIBILITIES } from "../../../domain/timeline/entry.ts";
import { CustomFields, Id, IdRef, Nullable, named, optionalAll, pageParams, Timestamp } from "./common.ts";

const OriginAuthor = Type.Object(
  {
    service: Type.String({ maxLength: 100 }),
    serviceId: Type.String({ maxLength: 255 }),
    handle: Type.String({ maxLength: 255 }),
    name: Type.String({ maxLength: 255 }),
    brandOwned: Type.Boolean(),
  },
  { additionalProperties: false },
);

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
  {
    examples: [{ body: "Called back: the printer is unplugged and cooling down." }],
    additionalProperties: false,
    minProperties: 1,
  },
);

export const EntryParams = Type.Object({ id: Type.String(), entryId: Type.String() });

export const Entry = Type.Object(
  {
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
  },
  { $id: "Entry" },
);

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
  {
    examples: [
      {
        title: "Printer on fire",
        description: "The printer on floor 2 is smoking.",
        priority: "urgent",
        tags: ["hardware"],
        requester: { email: "ada@example.com", name: "Ada Lovelace" },
      },
    ],
    additionalProperties: false,
  },
);

/** One line of an NDJSON import (`casework import`): a create without references, with its creation time. */
export const CaseImportLine = Type.Object(
  {
    ...optionalAll({
      description: caseWritable.description,
      status: caseWritable.status,
      priority: caseWritable.priority,
      type: caseWritable.type,
      resolution: caseWritable.resolution,
      solveReason: caseWritable.solveReason,
      customFields: caseWritable.customFields,
      tags: caseWritable.tags,
      createdAt: Timestamp,
      timeline: Type.Array(EntryCreate, { maxItems: LIMITS.entriesPerWrite }),
    }),
    title: caseWritable.title,
  },
  { additionalProperties: false },
);

/**
 * Properties of a case response that a write never sets. A PATCH may carry them (a case read with GET and
 * sent back whole) and they are ignored; any other unknown property is refused.
 */
const echoedReadOnly = (description: string) => Type.Optional(Type.Unknown({ description }));

const caseReadOnly = {
  id: echoedReadOnly("Read-only, ignored"),
  number: echoedReadOnly("Read-only, ignored"),
  statusCategory: echoedReadOnly("Read-only, ignored: follows status"),
  nextStatuses: echoedReadOnly("Read-only, ignored: follows status"),
  revision: echoedReadOnly("Read-only, ignored: send If-Match to update only the revision you saw"),
  createdAt: echoedReadOnly("Read-only, ignored"),
  updatedAt: echoedReadOnly("Read-only, ignored"),
  resolvedAt: echoedReadOnly("Read-only, ignored"),
  closedAt: echoedReadOnly("Read-only, ignored"),
  trashedAt: echoedReadOnly("Read-only, ignored: DELETE moves a case to the trash"),
};

export const CasePatch = Type.Object(
  { ...optionalAll(caseWritable), ...caseReadOnly },
  {
    examples: [{ priority: "high", tags: ["hardware", "escalated"] }],
    additionalProperties: false,
    minProperties: 1,
  },
);

export const Case = Type.Object(
  {
    id: Id,
    number: Type.Integer(),
    title: Type.String(),
    description: Type.String(),
    status: Type.Enum([...STATUSES]),
    statusCategory: Type.Enum([...STATUS_CATEGORIES], {
      description: "new, open, pending and on_hold are unresolved",
    }),
    nextStatuses: Type.Array(Type.Enum([...STATUSES]), {
      description: "The statuses the lifecycle lets a person move the case to now",
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
  },
  { $id: "Case" },
);

export const CaseCreated = Type.Object(
  { ...Case.properties, timeline: Type.Array(named(Entry)) },
  { $id: "CaseCreated", description: "The case with the timeline entries it was created with" },
);

/** A list filter on a custom field: the parameter name is `customFields.` and the field's key. */
export const CUSTOM_FIELD_FILTER = "^customFields\\.[A-Za-z0-9_]{1,64}$";

/** An instant, or a plain date meaning midnight UTC at its start (`createdBefore=2026-01-05`). */
const InstantOrDate = Type.Union([Timestamp, Type.String({ format: "date", pattern: "^(?!0000)" })], {
  description: "date-time, or a date (midnight UTC at its start)",
});

const csv = (description: string) =>
  Type.Optional(Type.String({ maxLength: 2000, description: `${description} (comma-separated)` }));

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
    createdAfter: Type.Optional(InstantOrDate),
    createdBefore: Type.Optional(InstantOrDate),
    updatedAfter: Type.Optional(InstantOrDate),
    updatedBefore: Type.Optional(InstantOrDate),
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: "Words in title, description or timeline" }),
    ),
    trashed: Type.Optional(Type.Boolean({ description: "List the trash instead" })),
    sort: Type.Optional(Type.Enum([...SORT_FIELDS, ...SORT_FIELDS.map((field) => `-${field}`)])),
    ...pageParams,
  },
  {
    additionalProperties: false,
    // `customFields.order_no=991`: cases whose field holds the value (a multi-select: holds it among others).
    patternProperties: { [CUSTOM_FIELD_FILTER]: Type.String({ maxLength: 500 }) },
  },
);

export const AuditRecord = Type.Object(
  {
    id: Id,
    action: Type.String(),
    revision: Nullable(Type.Integer()),
    at: Timestamp,
    actor: Type.Object({ type: Type.String(), id: Nullable(Id), label: Type.String() }),
    context: Type.Record(Type.String(), Type.Unknown()),
    changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
  },
  { $id: "AuditRecord" },
);

/** How many cases each status holds. */
export const CaseCounts = Type.Object(
  Object.fromEntries(STATUSES.map((status) => [status, Type.Integer()])),
  {
    $id: "CaseCounts",
  },
);
