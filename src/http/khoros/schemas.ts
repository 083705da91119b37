/** Khoros wire schemas: what Khoros sends and what it reads back (custom fields ride as extra top-level properties). */
import { Type } from "typebox";

const Text = (maxLength: number) => Type.String({ maxLength });
const Instant = Type.String({ format: "date-time" });

/** The agent headers Khoros sends; recorded on the audit record, so bounded like any other input. */
export const AgentHeaders = Type.Object({
  "x-sf-user-email": Type.Optional(Text(320)),
  "x-sf-email": Type.Optional(Text(320)),
  "x-sf-company-id": Type.Optional(Text(64)),
  "x-sf-initiative": Type.Optional(Text(64)),
});

export const IdParams = Type.Object({ id: Type.String() });

const Author = Type.Object(
  {
    service: Text(100),
    serviceId: Text(255),
    handle: Text(255),
    name: Text(255),
    brandOwned: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const Interaction = Type.Object(
  {
    created: Instant,
    body: Text(100_000),
    linkUrl: Text(2048),
    serviceId: Type.String({ minLength: 1, maxLength: 255 }),
    service: Type.String({ minLength: 1, maxLength: 100 }),
    contentType: Text(100),
    author: Type.Optional(Author),
  },
  { additionalProperties: false },
);

/** A customer id as Khoros sends it: a string (or, as in its own examples, a number). */
const CustomerRef = Type.Union([Type.String({ minLength: 1, maxLength: 32 }), Type.Integer({ minimum: 0 })]);

const caseWritable = {
  customerId: CustomerRef,
  title: Text(500),
  description: Text(100_000),
  status: Type.Enum(["open", "closed"]),
  interactions: Type.Array(Interaction, { maxItems: 100 }),
};

/** Case properties Khoros may echo back from a response; they are read-only and ignored on write. */
const READ_ONLY_CASE_PROPERTIES = ["id", "number", "url", "created", "lastUpdated"] as const;

/** createCase: customerId and title are required (the reference lists `customId`, a typo its examples do not use). */
export const CaseCreate = Type.Object(
  {
    ...caseWritable,
    interactions: Type.Optional(caseWritable.interactions),
    description: Type.Optional(caseWritable.description),
    status: Type.Optional(caseWritable.status),
  },
  { additionalProperties: true },
);

/** updateCase: the same shape, every property optional. */
export const CaseUpdate = Type.Object(
  {
    customerId: Type.Optional(caseWritable.customerId),
    title: Type.Optional(caseWritable.title),
    description: Type.Optional(caseWritable.description),
    status: Type.Optional(caseWritable.status),
    interactions: Type.Optional(caseWritable.interactions),
  },
  { additionalProperties: true },
);

export const CASE_PROPERTIES = [...Object.keys(caseWritable), ...READ_ONLY_CASE_PROPERTIES];

/** Customer bodies are declared fields only: the built-in name, email and phone, and custom fields. */
export const CustomerWrite = Type.Object(
  {
    name: Type.Optional(Type.Union([Text(255), Type.Null()])),
    email: Type.Optional(Type.Union([Text(320), Type.Null()])),
    phone: Type.Optional(Type.Union([Text(50), Type.Null()])),
  },
  { additionalProperties: true },
);

export const READ_ONLY_CUSTOMER_PROPERTIES = ["id", "url"] as const;

const Strings = Type.Array(Text(255), { maxItems: 50 });

export const BestMatch = Type.Object(
  {
    displayName: Type.Optional(Text(255)),
    screenName: Type.Optional(Text(255)),
    description: Type.Optional(Text(10_000)),
    profileUrl: Type.Optional(Text(2048)),
    email: Type.Optional(Text(320)),
    phoneNumbers: Type.Optional(Strings),
    addresses: Type.Optional(
      Type.Array(
        Type.Object(
          {
            streetOne: Type.Optional(Text(255)),
            streetTwo: Type.Optional(Text(255)),
            city: Type.Optional(Text(255)),
            state: Type.Optional(Text(255)),
            zip: Type.Optional(Text(50)),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    orderNumbers: Type.Optional(Strings),
    caseNumbers: Type.Optional(Strings),
    // A list in one published version of the contract, a single string in the other.
    accountNumbers: Type.Optional(Type.Union([Strings, Text(255)])),
  },
  { additionalProperties: false },
);

export const MetaParams = Type.Object({ type: Type.String() });
