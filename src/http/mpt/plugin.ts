/** The MPT Helpdesk API, mounted at /public/v1: Bearer API keys, RFC 7807 errors, and its routes. */
import type { FastifyInstance } from "fastify";
import type { OpContext } from "../../ops/context.ts";
import { bearerToken, requireKeys } from "../auth.ts";
import { mptError, mptErrorHandler } from "./errors.ts";
import { collectRoutes } from "./openapi.ts";
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
  const document = collectRoutes(app, "/public/v1");
  app.get("/openapi.json", { schema: { hide: true } }, async () => document());
  // The document is public; everything else needs a key.
  await app.register(async (secured) => {
    requireKeys(secured, ctx.db, bearerToken, {
      hint: "Send the API key as Authorization: Bearer <key>.",
      context: () => ({ dialect: "mpt" }),
      now: ctx.now,
    });
    await secured.register(mptCaseRoutes, { ctx });
    await secured.register(mptChatRoutes, { ctx });
    await secured.register(mptQueueRoutes, { ctx });
  });
}
