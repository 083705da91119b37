/**
 * The contract every HTTP dialect fulfils, and the one function that mounts a dialect: its error envelope,
 * its 404, the JSON-only body policy, authentication, rate limits and the route-level access check.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { TSchema } from "typebox";
import type { Actor } from "../domain/access.ts";
import { describe, type ErrorCode, Failure, type FieldPath, type RequestPart } from "../domain/errors.ts";
import { type Action, can, refusal } from "../domain/policy.ts";
import type { OpContext } from "../ops/context.ts";
import { actorOfCredential, type Credential } from "../ops/credential.ts";
import { classify, EDGE_STATUS, EdgeProblem, logServerError, RETRY_AFTER_SECONDS } from "./errors.ts";
import { ABUSE_LIMITS } from "./rate-limits.ts";
import { allowedMethods } from "./served-routes.ts";

/** A credential as a dialect read it from a request; the ops layer decides whom it belongs to. */
export type { Credential };

/** An error as a dialect renders it: the status, a stable code, a sentence, and the fields in its own words. */
export interface WireError {
  status: number;
  code: string;
  message: string;
  fields: { name: string; message: string }[];
}

export interface DialectOptions {
  ctx: OpContext;
  /** The base URL people reach Casework at (links to case pages); unset: the origin of each request. */
  publicUrl: string | undefined;
  /** Largest file an attachment upload may carry, in bytes. */
  attachmentLimit: number;
}

export const DEFAULT_ATTACHMENT_LIMIT = 25 * 1_048_576;

export interface Dialect {
  name: string;
  /** Where its routes are mounted; errors raised before routing under these get this dialect's envelope. */
  prefixes: readonly string[];
  /** How it reads a credential (null when the request carries none); null: its routes are public. */
  credential: ((request: FastifyRequest) => Credential | null) | null;
  /** The 401 message when no credential was sent: how to present one in this dialect. */
  authHint: string;
  /** Facts about the request (agent headers) added to the actor's audit context. */
  auditContext?: (request: FastifyRequest) => Record<string, unknown>;
  /** Every domain error code's status in this dialect: an unmapped code does not compile. */
  status: Record<ErrorCode, number>;
  /** A model field path in the dialect's words. */
  fieldName(path: FieldPath): string;
  /** A path in the dialect's own request schema (a validation error) as a name; default: dotted, `query.x`. */
  wireName?(part: RequestPart, path: FieldPath): string;
  /** Sends an error in the dialect's envelope. */
  renderError(reply: FastifyReply, error: WireError, request: FastifyRequest): FastifyReply;
  /** Its routes: they translate the wire to ops and the results back, nothing else. */
  routes: FastifyPluginAsync<DialectOptions>;
  /** Schemas with an `$id` its routes reference by that id (`{ $ref: "Case" }`); registered once on the app. */
  schemas?: readonly TSchema[];
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** What the route does, asked of the access policy before the handler; absent: any valid credential. */
    action?: Action;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The authenticated actor of a request that passed the mount's authentication. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error("route reached without an authenticated actor");
  return request.actor;
}

/** `Authorization: Bearer <token>`, the presentation most dialects use. */
export function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
  return match ? match[1]! : null;
}

export function defaultWireName(part: RequestPart, path: FieldPath): string {
  const dotted = path.join(".");
  if (part === "querystring") return dotted ? `query.${dotted}` : "query";
  if (part === "headers") return String(path[0] ?? "headers");
  return dotted || part;
}

/** Any thrown error as the dialect's wire error (translating field paths into its words). */
export function toWireError(dialect: Dialect, error: unknown, request: FastifyRequest): WireError {
  const classified = classify(error, {
    bodyLimit: request.routeOptions?.bodyLimit ?? request.server.initialConfig.bodyLimit ?? 1_048_576,
  });
  const status =
    classified.kind === "domain" ? dialect.status[classified.code] : EDGE_STATUS[classified.code];
  const wireName = dialect.wireName ?? defaultWireName;
  const fields = classified.fields.map((field) => ({
    name: field.in ? wireName(field.in, field.path) : dialect.fieldName(field.path),
    message: field.message,
  }));
  // A message that only lists the fields is said again in the dialect's words.
  const message =
    fields.length && classified.message === describe(classified.fields)
      ? fields.map((field) => `${field.name}: ${field.message}`).join("; ")
      : classified.message;
  return { status, code: classified.code, message, fields };
}

/** Renders any error in the dialect's envelope, with the headers every dialect owes its callers. */
export function sendError(dialect: Dialect, error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const wire = toWireError(dialect, error, request);
  logServerError(request, wire.status, error);
  if (error instanceof EdgeProblem) reply.headers(error.headers);
  if (wire.status === 401) reply.header("www-authenticate", 'Bearer realm="casework"');
  if (wire.status === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  return dialect.renderError(reply, wire, request);
}

/**
 * No route answers the request: a 405 naming the methods the path has, or a 404 when it has none, or when a
 * route of this method let it through (a static file that is not there).
 */
function noRoute(request: FastifyRequest) {
  const path = request.url.split("?")[0]!;
  const allowed = allowedMethods(request.server.servedRoutes, path);
  if (!allowed.length || allowed.includes(request.method))
    return new EdgeProblem("route_not_found", `No route ${request.method} ${path}.`);
  return new EdgeProblem(
    "method_not_allowed",
    `${path} does not support ${request.method}; it supports ${allowed.join(", ")}.`,
    { allow: allowed.join(", ") },
  );
}

/** Which dialect a URL belongs to, for errors raised before (or without) routing. */
export class DialectRegistry {
  readonly #mounted: { prefix: string; dialect: Dialect }[] = [];
  constructor(readonly fallback: Dialect) {}

  add(prefix: string, dialect: Dialect) {
    this.#mounted.push({ prefix, dialect });
    this.#mounted.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  forUrl(url: string): Dialect {
    const path = url.split("?")[0]!;
    const found = this.#mounted.find(
      ({ prefix }) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`),
    );
    return found?.dialect ?? this.fallback;
  }

  /** Renders an error in the envelope of the dialect the request's URL belongs to. */
  render(error: unknown, request: FastifyRequest, reply: FastifyReply) {
    return sendError(this.forUrl(request.url), error, request, reply);
  }

  /** The app-wide error handler and 404, for requests no dialect's scope caught. */
  install(app: FastifyInstance) {
    app.setErrorHandler((error, request, reply) => this.render(error, request, reply));
    app.setNotFoundHandler((request, reply) => this.render(noRoute(request), request, reply));
  }
}

/** Authenticates the request, counts it against the abuse limits and asks the policy about the route's action. */
function authentication(app: FastifyInstance, dialect: Dialect, ctx: OpContext) {
  const read = dialect.credential;
  if (!read) return;
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (request, reply) => {
    const credential = read(request);
    const actor = credential ? await actorOfCredential(ctx, credential) : null;
    if (!actor) {
      await app.credentialLimits.rejected(request, reply);
      throw new Failure({
        code: "unauthenticated",
        message: credential ? "The credential is invalid, revoked or expired." : dialect.authHint,
      });
    }
    request.actor = dialect.auditContext
      ? { ...actor, context: { ...actor.context, ...dialect.auditContext(request) } }
      : actor;
    await app.credentialLimits.authenticated(request, reply);
    const action = request.routeOptions.config.action;
    if (action && !can(actor, action)) throw new Failure(refusal(actor, action));
  });
}

/** The encapsulated scope a dialect's routes live in; it counts on the app's abuse limits being there. */
const dialectScope = (dialect: Dialect, prefix: string, options: DialectOptions) =>
  fp(
    async (scope) => {
      scope.setErrorHandler((error, request, reply) => sendError(dialect, error, request, reply));
      scope.setNotFoundHandler((request, reply) => sendError(dialect, noRoute(request), request, reply));
      // Bodies are JSON only: without this, Fastify's built-in text/plain parser turns a 415 into a 400.
      scope.removeContentTypeParser("text/plain");
      authentication(scope, dialect, options.ctx);
      await scope.register(dialect.routes, options);
    },
    { name: `dialect ${dialect.name} at ${prefix || "/"}`, encapsulate: true, dependencies: [ABUSE_LIMITS] },
  );

/** Mounts a dialect at each of its prefixes, in a scope of its own. */
export async function mountDialect(
  app: FastifyInstance,
  registry: DialectRegistry,
  dialect: Dialect,
  options: DialectOptions,
) {
  for (const schema of dialect.schemas ?? []) app.addSchema(schema);
  for (const prefix of dialect.prefixes) {
    registry.add(prefix, dialect);
    await app.register(dialectScope(dialect, prefix, options), { prefix });
  }
}
