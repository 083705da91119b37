/** The OAuth token endpoint, mounted at /oauth: public, form-encoded, RFC 6749 error bodies. */
import formbody from "@fastify/formbody";
import type { FastifyError, FastifyInstance } from "fastify";
import type { OpContext } from "../../ops/context.ts";
import { classify, EDGE_STATUS } from "../errors.ts";
import { oauthError, tokenRoutes } from "./routes.ts";

export async function oauthApi(
  app: FastifyInstance,
  options: { ctx: OpContext; publicUrl: string | undefined },
) {
  await app.register(formbody, { bodyLimit: 16_384 });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const found = classify(error);
    if (found.kind === "domain" && found.code === "rate_limited")
      return oauthError(reply, 429, "rate_limited", found.message);
    const status = found.kind === "edge" ? EDGE_STATUS[found.code] : 400;
    if (status >= 500) return oauthError(reply, status, "temporarily_unavailable", found.message);
    return oauthError(
      reply,
      status === 415 || status === 413 ? status : 400,
      "invalid_request",
      found.message,
    );
  });
  app.setNotFoundHandler((request, reply) =>
    oauthError(reply, 404, "invalid_request", `No route ${request.method} ${request.url.split("?")[0]}.`),
  );
  await app.register(tokenRoutes, { ctx: options.ctx, publicUrl: options.publicUrl });
}
