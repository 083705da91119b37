/** The Talkdesk Case API, mounted at /cm: OAuth bearer tokens (or API keys), its error envelope and its routes. */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { FieldPath } from "../../domain/errors.ts";
import {
  bearerToken,
  type Credential,
  type Dialect,
  type DialectOptions,
  type WireError,
} from "../dialect.ts";
import { CONFLICT_STATUS } from "../errors.ts";
import { errorBody } from "./errors.ts";
import { talkdeskName } from "./field-names.ts";
import { caseReadRoutes } from "./routes/cases-read.ts";
import { caseWriteRoutes } from "./routes/cases-write.ts";
import { noteAndFieldRoutes } from "./routes/notes-fields.ts";

async function routes(app: FastifyInstance, options: DialectOptions) {
  await app.register(caseReadRoutes, options);
  await app.register(caseWriteRoutes, options);
  await app.register(noteAndFieldRoutes, options);
}

/** Casework API keys (cw_…) are accepted as bearer tokens too, for scripts that already hold one. */
function credential(request: Parameters<typeof bearerToken>[0]): Credential | null {
  const token = bearerToken(request);
  if (!token) return null;
  return token.startsWith("cw_") ? { kind: "api_key", secret: token } : { kind: "access_token", token };
}

/** A path in the request as Talkdesk writes it: list items in brackets (`notes[0].note_body`). */
export const talkdeskWireName = (_part: unknown, path: FieldPath): string =>
  path.reduce<string>(
    (name, step) => (typeof step === "number" ? `${name}[${step}]` : name ? `${name}.${step}` : step),
    "",
  ) || "body";

export const talkdeskDialect: Dialect = {
  name: "talkdesk",
  prefixes: ["/cm"],
  credential,
  authHint: "Send an access token from POST /oauth/token: Authorization: Bearer <token>.",
  auditContext: () => ({ dialect: "talkdesk" }),
  status: CONFLICT_STATUS,
  fieldName: talkdeskName,
  wireName: talkdeskWireName,
  renderError: (reply: FastifyReply, error: WireError) =>
    reply
      .code(error.status)
      .type("application/json")
      .send(
        errorBody({
          status: error.status,
          code: error.code,
          description: error.message,
          fields: error.fields.map((field) => ({ name: field.name, description: field.message })),
        }),
      ),
  routes,
};
