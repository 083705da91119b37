/** API-key authentication and per-route scope checks, shared by every dialect (each reads the key its own way). */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { type Actor, hasScope, type Scope } from "../domain/access.ts";
import { Failure } from "../domain/errors.ts";
import type { Sql } from "../ops/context.ts";
import { authenticate } from "../ops/credentials.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The scope a route needs; routes without one need only a valid key. */
    scope?: Scope;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/** The authenticated actor of a request that passed the auth hook. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error("route reached without an authenticated actor");
  return request.actor;
}

export interface KeyOptions {
  /** How the dialect tells a caller to present its key, shown when none was sent. */
  hint?: string;
  /** Facts about the request (a dialect's agent headers) added to the actor's audit context. */
  context?: (request: FastifyRequest) => Record<string, unknown>;
  /** The clock that decides whether a key has expired (the op clock, so tests can move it). */
  now?: () => Date;
}

/**
 * Authenticates every request of the plugin, counts it against the app's abuse limits (per key once
 * authenticated, per client address when not) and checks the route's scope.
 */
export function requireKeys(
  app: FastifyInstance,
  db: Sql,
  readToken: (request: FastifyRequest) => string | null,
  options: KeyOptions = {},
) {
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (request, reply) => {
    const token = readToken(request);
    const actor = token ? await authenticate(db, token, options.now?.()) : null;
    if (!actor) {
      await app.credentialLimits.rejected(request, reply);
      throw new Failure(
        token
          ? { code: "unauthenticated", message: "The API key is invalid, revoked or expired." }
          : {
              code: "unauthenticated",
              message: options.hint ?? "Send an API key: Authorization: Bearer <key>.",
            },
      );
    }
    request.actor = options.context
      ? { ...actor, context: { ...actor.context, ...options.context(request) } }
      : actor;
    await app.credentialLimits.authenticated(request, reply);
    const scope = request.routeOptions.config.scope;
    if (scope && !hasScope(actor, scope))
      throw new Failure({ code: "forbidden", message: `This key lacks the ${scope} scope.` });
  });
}
