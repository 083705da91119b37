/** The Talkdesk Case API, mounted at /cm: OAuth bearer tokens (or API keys), its error envelope and its routes. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Actor, hasScope } from "../../domain/access.ts";
import { Failure } from "../../domain/errors.ts";
import { type ClientScope, KEY_SCOPE_FOR } from "../../domain/oauth/scopes.ts";
import type { OpContext } from "../../ops/context.ts";
import { authenticate } from "../../ops/credentials.ts";
import { authenticateToken } from "../../ops/oauth/tokens.ts";
import { bearerToken } from "../auth.ts";
import { classify, EDGE_STATUS, logServerError, RETRY_AFTER_SECONDS } from "../errors.ts";
import { errorBody, STATUS, type TalkdeskError } from "./errors.ts";
import { pathOf, talkdeskName } from "./field-names.ts";
import { caseReadRoutes } from "./routes/cases-read.ts";
import { caseWriteRoutes } from "./routes/cases-write.ts";
import { noteAndFieldRoutes } from "./routes/notes-fields.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The Talkdesk scope a route of the Case API needs. */
    talkdesk?: ClientScope;
  }
}

export function talkdeskError(reply: FastifyReply, error: TalkdeskError) {
  if (error.status === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  if (error.status === 401) reply.header("www-authenticate", 'Bearer realm="casework"');
  return reply.code(error.status).type("application/json").send(errorBody(error));
}

export function talkdeskErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const classified = classify(error);
  const status = classified.kind === "domain" ? STATUS[classified.code] : EDGE_STATUS[classified.code];
  logServerError(request, status, error);
  const fields = classified.fields.map((f) => ({
    name: talkdeskName(pathOf(f.field.replace(/^query\./, ""))),
    description: f.message,
  }));
  const description =
    classified.kind === "domain" && classified.code === "validation_failed" && fields.length
      ? fields.map((f) => `${f.name}: ${f.description}`).join("; ")
      : classified.message;
  return talkdeskError(reply, { status, code: classified.code, description, fields });
}

/** API keys (cw_…) are accepted as bearer tokens too, for scripts that already hold one. */
const resolveBearer = (ctx: OpContext, token: string): Promise<Actor | null> =>
  token.startsWith("cw_")
    ? authenticate(ctx.db, token, ctx.now())
    : authenticateToken(ctx.db, token, ctx.now());

export async function talkdeskApi(
  app: FastifyInstance,
  { ctx, publicUrl }: { ctx: OpContext; publicUrl: string | undefined },
) {
  app.setErrorHandler(talkdeskErrorHandler);
  app.removeContentTypeParser("text/plain");
  app.setNotFoundHandler((request, reply) =>
    talkdeskError(reply, {
      status: 404,
      code: "route_not_found",
      description: `No route ${request.method} ${request.url.split("?")[0]}.`,
      fields: [],
    }),
  );
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (request, reply) => {
    const token = bearerToken(request);
    const actor = token ? await resolveBearer(ctx, token) : null;
    if (!actor) {
      await app.credentialLimits.rejected(request, reply);
      throw new Failure({
        code: "unauthenticated",
        message: token
          ? "The access token is invalid, expired or its client revoked."
          : "Send an access token from /oauth/token: Authorization: Bearer <token>.",
      });
    }
    request.actor = { ...actor, context: { ...actor.context, dialect: "talkdesk" } };
    await app.credentialLimits.authenticated(request, reply);
    const scope = request.routeOptions.config.talkdesk;
    if (scope && !hasScope(actor, scope) && !hasScope(actor, KEY_SCOPE_FOR[scope]))
      throw new Failure({ code: "forbidden", message: `This token lacks the ${scope} scope.` });
  });
  await app.register(caseReadRoutes, { ctx, publicUrl });
  await app.register(caseWriteRoutes, { ctx });
  await app.register(noteAndFieldRoutes, { ctx });
}
