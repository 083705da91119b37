/**
 * Abuse limits shared by every dialect: requests per credential, and failed authentications per client
 * address. Counters live in this server process (one budget per process behind a load balancer).
 */
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { Failure } from "../domain/errors.ts";

export interface RateLimits {
  /** Requests one credential may make per window; 0 = unlimited. */
  perCredential: number;
  /** Failed authentications one client address may make per window; 0 = unlimited. */
  authFailuresPerIp: number;
  windowMs: number;
}

type Limiter = (
  request: FastifyRequest,
) => Promise<{ isAllowed: true } | { isAllowed: false; isExceeded: boolean; ttlInSeconds: number }>;

export interface CredentialLimits {
  /** Counts a request of an authenticated actor against its credential; throws rate_limited when over budget. */
  authenticated(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Counts a failed authentication from the request's address; throws rate_limited once it is over budget. */
  rejected(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

declare module "fastify" {
  interface FastifyInstance {
    credentialLimits: CredentialLimits;
  }
}

async function check(limiter: Limiter | null, request: FastifyRequest, reply: FastifyReply) {
  if (!limiter) return;
  const verdict = await limiter(request);
  // The library answers isAllowed only for its allow-list; a counted request is refused once exceeded.
  if (verdict.isAllowed || !verdict.isExceeded) return;
  reply.header("retry-after", String(Math.max(1, verdict.ttlInSeconds)));
  throw new Failure({
    code: "rate_limited",
    message: "Too many requests; retry after the Retry-After delay.",
  });
}

/** The name dialects declare as their dependency: they count every request against these limits. */
export const ABUSE_LIMITS = "casework-abuse-limits";

/** Decorates the app with `credentialLimits`; without `limits`, nothing is limited. */
export const abuseLimits = fp<{ limits: RateLimits | undefined }>(
  async (app, { limits }) => registerRateLimits(app, limits),
  { name: ABUSE_LIMITS, fastify: "5.x" },
);

async function registerRateLimits(app: FastifyInstance, limits: RateLimits | undefined) {
  await app.register(rateLimit, { global: false });
  const limiter = (max: number | undefined, key: (request: FastifyRequest) => string): Limiter | null =>
    limits && max ? app.createRateLimit({ max, timeWindow: limits.windowMs, keyGenerator: key }) : null;
  const perCredential = limiter(limits?.perCredential, (request) => {
    const actor = request.actor;
    return `credential:${actor?.workspaceId}:${actor?.context.keyId ?? `user ${actor?.userId}`}`;
  });
  const perAddress = limiter(limits?.authFailuresPerIp, (request) => `ip:${request.ip}`);
  app.decorate("credentialLimits", {
    authenticated: (request, reply) => check(perCredential, request, reply),
    rejected: (request, reply) => check(perAddress, request, reply),
  } satisfies CredentialLimits);
}
