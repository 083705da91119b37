/**
 * The console's own endpoints at /console: signing in and out (a session cookie) and the built assets. The
 * console does everything else through the native API, signed in by that cookie.
 */
import fastifyStatic from "@fastify/static";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { Failure } from "../../domain/errors.ts";
import { signIn, signOut } from "../../ops/sessions.ts";
import type { Dialect, DialectOptions } from "../dialect.ts";
import { nativeField } from "../native/dialect.ts";
import { renderProblem, STATUS } from "../native/problem.ts";
import { CSRF_HEADER, clearSessionCookie, SESSION_COOKIE, setSessionCookie } from "../session-cookie.ts";
import { BUILT_CONSOLE, CONSOLE_HEADERS } from "./shell.ts";
import { FailedSignIns } from "./sign-in-limits.ts";

const SignInBody = Type.Object(
  {
    workspace: Type.String({ minLength: 1, maxLength: 63 }),
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

const SignedIn = Type.Object({
  workspace: Type.String(),
  userId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  expiresAt: Type.String(),
});

async function routes(instance: FastifyInstance, { ctx, publicUrl }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const failures = new FailedSignIns();
  const secure = (request: FastifyRequest) =>
    request.protocol === "https" || Boolean(publicUrl?.startsWith("https:"));

  await app.register(fastifyStatic, {
    root: `${BUILT_CONSOLE}assets`,
    prefix: "/assets/",
    // File names carry a content hash: a file never changes under its name.
    maxAge: "365d",
    immutable: true,
    setHeaders: (res) => {
      for (const [name, value] of Object.entries(CONSOLE_HEADERS)) res.setHeader(name, value);
    },
  });

  app.post(
    "/session",
    { schema: { body: SignInBody, response: { 200: SignedIn } } },
    async (request, reply) => {
      const { workspace, email } = request.body;
      const account = `${workspace}:${email.trim().toLowerCase()}`;
      const now = Date.now();
      const wait = failures.blockedFor(request.ip, account, now);
      if (wait > 0) {
        reply.header("retry-after", String(wait));
        throw new Failure({
          code: "rate_limited",
          message: `Too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minutes.`,
        });
      }
      const session = await signIn(ctx, request.body);
      if (!session) {
        failures.failed(request.ip, account, now);
        throw new Failure({
          code: "unauthenticated",
          message: "That email and password do not match a user of this workspace.",
          fields: [{ path: ["password"], message: "does not match the email" }],
        });
      }
      failures.succeeded(account);
      setSessionCookie(reply, session.token, secure(request));
      return {
        workspace,
        userId: String(session.user.userId),
        email: session.user.email,
        name: session.user.name,
        role: session.user.role,
        expiresAt: session.expiresAt.toISOString(),
      };
    },
  );

  app.delete("/session", async (request, reply) => {
    if (!request.headers[CSRF_HEADER])
      throw new Failure({ code: "forbidden", message: `Signing out must send the ${CSRF_HEADER} header.` });
    const token = request.cookies[SESSION_COOKIE];
    if (token) await signOut(ctx, token);
    clearSessionCookie(reply);
    return reply.code(204).send();
  });
}

/** Sign-in and assets of the console; errors as the native API's problem details. */
export const consoleDialect: Dialect = {
  name: "console",
  prefixes: ["/console"],
  credential: null,
  authHint: "Sign in.",
  status: STATUS,
  fieldName: nativeField,
  renderError: renderProblem,
  routes,
};
