/**
 * The console's session cookie as a credential. A browser sends cookies on cross-site requests too, so a
 * state-changing request signed in by cookie must also carry a header a cross-site form cannot set.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { Failure } from "../domain/errors.ts";
import { SESSION_SECONDS } from "../ops/sessions.ts";
import type { Credential } from "./dialect.ts";

export const SESSION_COOKIE = "casework_session";
/** The header (any non-empty value) a cookie-authenticated write must carry. */
export const CSRF_HEADER = "x-casework-csrf";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The session credential of a request, or null; refuses a cookie-signed write without the CSRF header. */
export function sessionCredential(request: FastifyRequest): Credential | null {
  const token = request.cookies?.[SESSION_COOKIE];
  if (!token) return null;
  if (!SAFE_METHODS.has(request.method) && !request.headers[CSRF_HEADER])
    throw new Failure({
      code: "forbidden",
      message: `A request signed in by a session cookie that changes anything must send the ${CSRF_HEADER} header.`,
    });
  return { kind: "session", token };
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  secure: boolean,
  maxAge = SESSION_SECONDS,
) {
  reply.setCookie(SESSION_COOKIE, token, { path: "/", httpOnly: true, sameSite: "lax", secure, maxAge });
}

export const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: "/" });
