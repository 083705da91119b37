/**
 * Read-only pages a person opens from a link (the Khoros case `url`), behind a session cookie that signing in with
 * an API key opens. The agent console will replace them; until then they are all a link leads to.
 */
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { Actor } from "../../domain/access.ts";
import { fieldsOf } from "../../ops/admin/fields.ts";
import { caseTimeline, getCase } from "../../ops/cases/read-cases.ts";
import { casesOfContact, getContact } from "../../ops/contacts.ts";
import { SESSION_SECONDS, sessionActor, signIn, signOut } from "../../ops/sessions.ts";
import { getSettings } from "../../ops/workspaces.ts";
import type { Dialect, DialectOptions, WireError } from "../dialect.ts";
import { parseId } from "../ids.ts";
import { PAGE_STATUS } from "./status.ts";
import { casePage, contactPage, errorPage, signInPage } from "./views.ts";

const SESSION_COOKIE = "casework_session";
const CASES_ON_CONTACT_PAGE = 200;
const ENTRIES_PER_READ = 500;

/** Only a path on this server may be a destination after signing in (no open redirect). */
const safeNext = (next: string | undefined) =>
  next && /^\/(?![/\\])[\w\-.~!$&'()*+,;=:@%/?]*$/.test(next) ? next : "/";

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
};

const SlugParams = Type.Object({ slug: Type.String(), id: Type.String() });

const sendPage = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).headers(SECURITY_HEADERS).type("text/html; charset=utf-8").send(body);

function renderErrorPage(reply: FastifyReply, error: WireError) {
  const message = error.status >= 500 ? "Something went wrong; try again shortly." : error.message;
  return sendPage(reply, error.status, errorPage(error.status, message));
}

async function routes(instance: FastifyInstance, { ctx, publicUrl }: DialectOptions) {
  await instance.register(cookie);
  await instance.register(formbody, { bodyLimit: 4096 });
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook("onSend", async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });

  const secure = (request: FastifyRequest) =>
    request.protocol === "https" || Boolean(publicUrl?.startsWith("https:"));

  /** The signed-in actor of this workspace, or null after answering (a redirect to sign in, or a 404). */
  async function viewer(request: FastifyRequest, reply: FastifyReply, slug: string): Promise<Actor | null> {
    const token = request.cookies[SESSION_COOKIE];
    const actor = token ? await sessionActor(ctx, token) : null;
    if (!actor) {
      await reply.redirect(`/w/sign-in?next=${encodeURIComponent(request.url)}`, 303);
      return null;
    }
    if ((await getSettings(ctx, actor)).slug !== slug) {
      const problem = "This page belongs to another workspace than yours; sign in with one of its keys.";
      await sendPage(reply, 404, signInPage(safeNext(request.url), problem));
      return null;
    }
    return actor;
  }

  app.get(
    "/sign-in",
    {
      schema: {
        querystring: Type.Object(
          { next: Type.Optional(Type.String({ maxLength: 2048 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => sendPage(reply, 200, signInPage(safeNext(request.query.next), null)),
  );

  app.post(
    "/sign-in",
    {
      schema: {
        body: Type.Object(
          { key: Type.String({ maxLength: 512 }), next: Type.Optional(Type.String({ maxLength: 2048 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const next = safeNext(request.body.next);
      const session = await signIn(ctx, request.body.key.trim());
      if (!session) return sendPage(reply, 401, signInPage(next, "That API key is not valid."));
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: secure(request),
        maxAge: SESSION_SECONDS,
      });
      return reply.redirect(next, 303);
    },
  );

  app.post("/sign-out", async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await signOut(ctx, token);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/w/sign-in", 303);
  });

  app.get("/:slug/cases/:id", { schema: { params: SlugParams } }, async (request, reply) => {
    const actor = await viewer(request, reply, request.params.slug);
    if (!actor) return reply;
    const found = await getCase(ctx, actor, parseId(request.params.id, "case"));
    const entries = [];
    for (let afterId: number | null = null; ; ) {
      const page = await caseTimeline(ctx, actor, found.number, { afterId, limit: ENTRIES_PER_READ });
      entries.push(...page.items);
      if (page.next === null) break;
      afterId = page.next;
    }
    const requester = found.requesterId === null ? null : await getContact(ctx, actor, found.requesterId);
    const definitions = await fieldsOf(ctx, actor, "case");
    return sendPage(reply, 200, casePage(request.params.slug, found, requester, entries, definitions));
  });

  app.get("/:slug/contacts/:id", { schema: { params: SlugParams } }, async (request, reply) => {
    const actor = await viewer(request, reply, request.params.slug);
    if (!actor) return reply;
    const id = parseId(request.params.id, "contact");
    const contact = await getContact(ctx, actor, id);
    const cases = await casesOfContact(ctx, actor, id, CASES_ON_CONTACT_PAGE);
    const definitions = await fieldsOf(ctx, actor, "contact");
    return sendPage(reply, 200, contactPage(request.params.slug, contact, cases, definitions));
  });
}

/** The pages people open from links: sessions instead of credentials, and errors as pages. */
export const pagesDialect: Dialect = {
  name: "pages",
  prefixes: ["/w"],
  credential: null,
  authHint: "Sign in.",
  status: PAGE_STATUS,
  fieldName: (path) => path.join("."),
  renderError: renderErrorPage,
  routes,
};
