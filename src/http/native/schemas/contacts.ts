/** Wire schemas of contacts. */
import { Type } from "typebox";
import { CustomFields, Id, IdRef, Nullable, optionalAll, PageQuery, Timestamp } from "./common.ts";

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

export const ContactWrite = Type.Object(optionalAll(contactWritable), {
  examples: [{ name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0000" }],
  additionalProperties: false,
});

export const ContactPatch = Type.Object(ContactWrite.properties, {
  examples: [{ phone: "+44 20 7946 0001" }],
  additionalProperties: false,
  minProperties: 1,
});

export const Contact = Type.Object(
  {
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
  },
  { $id: "Contact" },
);

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
