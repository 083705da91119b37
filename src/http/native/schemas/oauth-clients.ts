/** Wire schemas of OAuth clients: registering one (secret shown once) and listing them. */
import { Type } from "typebox";
import { CLIENT_SCOPES } from "../../../domain/oauth/scopes.ts";
import { Id, IdRef, Nullable, Timestamp } from "./common.ts";

const PublicJwk = Type.Object(
  {
    kty: Type.Literal("EC"),
    crv: Type.Literal("P-256"),
    x: Type.String({ minLength: 1, maxLength: 128 }),
    y: Type.String({ minLength: 1, maxLength: 128 }),
    kid: Type.Optional(Type.String({ maxLength: 255 })),
    use: Type.Optional(Type.String({ maxLength: 16 })),
    alg: Type.Optional(Type.Literal("ES256")),
  },
  {
    additionalProperties: false,
    description:
      "The EC P-256 public key (JWK) that verifies the client's ES256 assertions (private_key_jwt)",
  },
);

export const ClientCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    scopes: Type.Array(Type.Enum([...CLIENT_SCOPES]), {
      minItems: 1,
      maxItems: CLIENT_SCOPES.length,
      uniqueItems: true,
    }),
    userId: Type.Optional(IdRef),
    publicJwk: Type.Optional(Nullable(PublicJwk)),
  },
  {
    examples: [{ name: "Talkdesk integration", scopes: ["cases-public:read", "cases-public:write"] }],
    additionalProperties: false,
  },
);

export const Client = Type.Object(
  {
    id: Id,
    clientId: Type.String({ description: "The OAuth client_id (it names the workspace)" }),
    name: Type.String(),
    userId: Id,
    scopes: Type.Array(Type.String()),
    publicJwk: Nullable(Type.Record(Type.String(), Type.Unknown())),
    createdAt: Timestamp,
    revokedAt: Nullable(Timestamp),
  },
  { $id: "Client" },
);

export const ClientCreated = Type.Object(
  {
    ...Client.properties,
    clientSecret: Type.String({ description: "The client secret; shown only in this response" }),
  },
  { $id: "ClientCreated" },
);
