/** The MPT Helpdesk API, mounted at /public/v1: Bearer API keys, RFC 7807 errors, and its routes. */
import type { FastifyInstance } from "fastify";
import type { OpContext } from "../../ops/context.ts";
import { bearerToken, requireKeys } from "../auth.ts";
import { mptError, mptErrorHandler } from "./errors.ts";
import { mptCaseRoutes } from "./routes/cases.ts";
import { mptChatRoutes } from "./routes/chats.ts";
import { mptQueueRoutes } from "./routes/queues.ts";

export interface MptOptions {
  ctx: OpContext;
}

export async function mptApi(app: FastifyInstance, { ctx }: MptOptions) {
  app.setErrorHandler(mptErrorHandler);
  app.removeContentTypeParser("text/plain");
  app.setNotFoundHandler((request, reply) =>
    mptError(
      reply,
      request,
      404,
      "route_not_found",
      `No route ${request.method} ${request.url.split("?")[0]}.`,
    ),
  );
  requireKeys(app, ctx.db, bearerToken, {
    hint: "Send the API key as Authorization: Bearer <key>.",
    context: () => ({ dialect: "mpt" }),
    now: ctx.now,
  });
  await app.register(mptCaseRoutes, { ctx });
  await app.register(mptChatRoutes, { ctx });
  await app.register(mptQueueRoutes, { ctx });
}
