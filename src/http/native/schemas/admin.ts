/** Wire schemas of administered records: custom fields, queues, accounts, users, API keys, the workspace. */
import { type TSchema, Type } from "typebox";
import { ACCOUNT_TYPES, SCOPES } from "../../../domain/access.ts";
import {
  FIELD_OBJECTS,
  FIELD_PHASES,
  FIELD_TYPES,
  FIELD_WIDGETS,
} from "../../../domain/fields/definition.ts";
import { ACTIONS } from "../../../domain/policy.ts";
import { Id, IdRef, Nullable, optionalAll, Timestamp } from "./common.ts";

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
  phase: Type.Enum([...FIELD_PHASES], {
    description: "Filled in with the request, or by whoever answers it",
  }),
  hintText: Type.String({ maxLength: 1000 }),
  placeholderText: Type.String({ maxLength: 255 }),
  widget: Nullable(
    Type.Enum([...FIELD_WIDGETS], { description: "A select offered as choices rather than a drop-down" }),
  ),
};

export const FieldCreate = Type.Object(
  {
    ...optionalAll(fieldWritable),
    object: Type.Enum([...FIELD_OBJECTS]),
    key: Type.String({ minLength: 1, maxLength: 64 }),
    label: fieldWritable.label,
    type: Type.Enum([...FIELD_TYPES]),
  },
  {
    examples: [{ object: "case", key: "order_no", label: "Order number", type: "text", searchable: true }],
    additionalProperties: false,
  },
);

export const FieldPatch = Type.Object(optionalAll(fieldWritable), {
  examples: [{ label: "Order no.", required: false }],
  additionalProperties: false,
  minProperties: 1,
});

export const Field = Type.Object(
  {
    id: Id,
    object: Type.Enum([...FIELD_OBJECTS]),
    key: Type.String(),
    type: Type.Enum([...FIELD_TYPES]),
    ...fieldWritable,
    options: Type.Array(Type.Unknown()),
    revision: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: "Field" },
);

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
  {
    examples: [{ name: "Hardware", description: "Printers, laptops and phones" }],
    additionalProperties: false,
  },
);

export const QueuePatch = Type.Object(optionalAll(queueWritable), {
  examples: [{ description: "Printers, laptops, phones and monitors" }],
  additionalProperties: false,
  minProperties: 1,
});

export const Queue = Type.Object(
  {
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
  },
  { $id: "Queue" },
);

export const AccountWrite = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    type: Type.Enum([...ACCOUNT_TYPES]),
  },
  { examples: [{ name: "Acme Ltd", type: "client" }], additionalProperties: false },
);

export const AccountPatch = Type.Object(optionalAll(AccountWrite.properties), {
  examples: [{ name: "Acme Limited" }],
  additionalProperties: false,
  minProperties: 1,
});

export const Account = Type.Object(
  {
    id: Id,
    name: Type.String(),
    type: Type.String(),
    revision: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: "Account" },
);

export const UserCreate = Type.Object(
  {
    accountId: IdRef,
    email: Type.String({ format: "email", maxLength: 320 }),
    name: Type.String({ minLength: 1, maxLength: 255 }),
  },
  {
    examples: [{ accountId: "1", email: "grace@example.com", name: "Grace Hopper" }],
    additionalProperties: false,
  },
);

export const UserPatch = Type.Object(
  { ...optionalAll(UserCreate.properties), active: Type.Optional(Type.Boolean()) },
  { examples: [{ name: "Grace B. Hopper" }], additionalProperties: false, minProperties: 1 },
);

export const User = Type.Object(
  {
    id: Id,
    accountId: Id,
    email: Type.String(),
    name: Type.String(),
    active: Type.Boolean(),
    revision: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: "User" },
);

/** The caller: its user, the account type that decides what it sees, its scopes and every action it may take. */
export const Me = Type.Intersect(
  [
    User,
    Type.Object({
      accountType: Type.Enum([...ACCOUNT_TYPES]),
      scopes: Type.Array(Type.Enum([...SCOPES])),
      can: Type.Array(Type.Enum([...ACTIONS]), {
        description: "The actions of the access policy this credential may take (on records it can see)",
      }),
    }),
  ],
  { $id: "Me" },
);

export const KeyCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    scopes: Type.Array(Type.Enum([...SCOPES]), { minItems: 1, maxItems: SCOPES.length, uniqueItems: true }),
    userId: Type.Optional(IdRef),
    expiresAt: Type.Optional(
      Nullable(
        Type.String({ format: "date-time", description: "When the key stops authenticating; null = never" }),
      ),
    ),
  },
  { examples: [{ name: "Reporting script", scopes: ["cases:read"] }], additionalProperties: false },
);

export const Key = Type.Object(
  {
    id: Id,
    name: Type.String(),
    prefix: Type.String({ description: "The first characters of the key, to recognise it" }),
    userId: Id,
    scopes: Type.Array(Type.String()),
    createdAt: Timestamp,
    revokedAt: Nullable(Timestamp),
    expiresAt: Nullable(Timestamp),
  },
  { $id: "Key" },
);

export const KeyCreated = Type.Object(
  { ...Key.properties, key: Type.String({ description: "The secret; shown only in this response" }) },
  { $id: "KeyCreated" },
);

export const WorkspaceSettings = Type.Object(
  {
    id: Id,
    slug: Type.String(),
    name: Type.String(),
    resolutionRequired: Type.Boolean(),
    closeDelaySeconds: Type.Integer({ description: "Seconds after which resolved cases close; 0 = never" }),
  },
  { $id: "WorkspaceSettings" },
);

export const WorkspacePatch = Type.Object(
  {
    resolutionRequired: Type.Optional(Type.Boolean()),
    closeDelaySeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 31_536_000 })),
  },
  {
    examples: [{ resolutionRequired: true, closeDelaySeconds: 604800 }],
    additionalProperties: false,
    minProperties: 1,
  },
);
