/** Participants and links of a case chat on the wire. */
import { Type } from "typebox";
import { Audit, Echo, NullableRef, OneOfWords, Ref } from "./schemas.ts";

export const ParticipantParams = Type.Object({ id: Type.String(), participantId: Type.String() });
export const LinkParams = Type.Object({ id: Type.String(), linkId: Type.String() });

/** Active, Exited or Deactivated, in any letter case. */
const ParticipantStatus = OneOfWords("Active", "Exited", "Deactivated");

const participantEchoes = {
  id: Echo,
  chat: Echo,
  identity: Echo,
  account: Echo,
  role: Echo,
  unread: Echo,
  audit: Echo,
};

export const ParticipantsPost = Type.Array(
  Type.Object({ contact: Ref, ...participantEchoes }, { additionalProperties: false }),
  { minItems: 1, maxItems: 100 },
);

export const ParticipantPut = Type.Object(
  {
    status: Type.Optional(ParticipantStatus),
    muted: Type.Optional(Type.Boolean()),
    lastReadMessage: Type.Optional(NullableRef),
    contact: Echo,
    ...participantEchoes,
  },
  { additionalProperties: false },
);

const linkWritable = {
  uri: Type.String({ minLength: 1, maxLength: 2048 }),
  /** The same address under the name the platform's documentation uses; `uri` wins when both are sent. */
  url: Type.String({ minLength: 1, maxLength: 2048 }),
  name: Type.String({ maxLength: 255 }),
  message: NullableRef,
};

export const LinkWrite = Type.Partial(
  Type.Object(
    { ...linkWritable, id: Echo, chat: Echo, isDeleted: Echo, audit: Echo, revision: Echo },
    { additionalProperties: false },
  ),
  { additionalProperties: false },
);

export const ParticipantObject = Type.Object({
  id: Type.String({ examples: ["CHP-0000-0000-0003"] }),
  chat: Type.Object({ id: Type.String() }),
  contact: Type.Union([
    Type.Object({ id: Type.String(), name: Type.String(), email: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  identity: Type.Union([
    Type.Object({ id: Type.String(), name: Type.String(), type: Type.Literal("User") }),
    Type.Null(),
  ]),
  account: Type.Union([
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      type: Type.Union([Type.Literal("Client"), Type.Literal("Vendor"), Type.Literal("Operations")]),
    }),
    Type.Null(),
  ]),
  status: Type.Union([Type.Literal("Active"), Type.Literal("Exited"), Type.Literal("Deactivated")]),
  muted: Type.Boolean(),
  lastReadMessage: Type.Union([Type.Object({ id: Type.String() }), Type.Null()]),
  unread: Type.Integer(),
  audit: Audit,
});

export const LinkObject = Type.Object({
  id: Type.String({ examples: ["LNK-0000-0000-0005"] }),
  chat: Type.Object({ id: Type.String() }),
  message: Type.Union([Type.Object({ id: Type.String() }), Type.Null()]),
  uri: Type.String(),
  url: Type.String(),
  name: Type.String(),
  isDeleted: Type.Boolean(),
  revision: Type.Integer(),
  audit: Audit,
});

export const AttachmentParams = Type.Object({ id: Type.String(), attachmentId: Type.String() });

export const AttachmentPut = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    description: Type.Optional(Type.String({ maxLength: 10_000 })),
    id: Echo,
    chat: Echo,
    filename: Echo,
    contentType: Echo,
    size: Echo,
    hash: Echo,
    isDeleted: Echo,
    revision: Echo,
    audit: Echo,
  },
  { additionalProperties: false },
);

export const AttachmentObject = Type.Object({
  id: Type.String({ examples: ["ATT-0000-0000-0004"] }),
  chat: Type.Object({ id: Type.String() }),
  name: Type.String(),
  description: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  hash: Type.Object({ algorithm: Type.Literal("SHA-256"), value: Type.String() }),
  isDeleted: Type.Boolean(),
  revision: Type.Integer(),
  audit: Audit,
});

/** A download: the file's bytes, with its own content type (documented only; streams are not serialised). */
export const FileBytes = Type.String({ format: "binary", description: "The file's bytes" });

/** An upload's multipart body, documented only: the multipart parser reads it part by part, not the validator. */
export const UploadForm = Type.Object(
  {
    file: Type.String({
      format: "binary",
      description: "The file's bytes; its part's filename and type are kept",
    }),
    attachment: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ maxLength: 255, description: "Defaults to the file's name" })),
          description: Type.Optional(Type.String({ maxLength: 10_000 })),
        },
        { description: "JSON metadata (a part of type application/json)" },
      ),
    ),
  },
  { additionalProperties: false },
);
