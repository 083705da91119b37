/** `POST /oauth/token`: the client-credentials grant, form-encoded, answered as RFC 6749 bodies. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { OAuthErrorCode, TokenRequest } from "../../domain/oauth/token-request.ts";
import type { OpContext } from "../../ops/context.ts";
import { issueToken } from "../../ops/oauth/tokens.ts";
import { publicBase } from "../pages/paths.ts";

const Param = Type.String({ maxLength: 8192 });
const TokenForm = Type.Object(
  {
    grant_type: Type.Optional(Param),
    scope: Type.Optional(Param),
    client_id: Type.Optional(Param),
    client_secret: Type.Optional(Param),
    client_assertion_type: Type.Optional(Param),
    client_assertion: Type.Optional(Param),
  },
  // RFC 6749 §3.2: parameters the server does not know are ignored, not refused.
  { additionalProperties: true },
);

const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal("Bearer"),
  expires_in: Type.Integer({ description: "Seconds the token is valid" }),
  scope: Type.String({ description: "The granted scopes, space-separated" }),
});

export const OAuthErrorBody = Type.Object({
  error: Type.String({ description: "RFC 6749 §5.2 error code" }),
  error_description: Type.String(),
});

/** RFC 6749 §5.2: a failed client authentication is 401, every other refusal 400. */
export function oauthError(
  reply: FastifyReply,
  status: number,
  error: OAuthErrorCode | string,
  description: string,
) {
  if (status === 401) reply.header("www-authenticate", 'Basic realm="casework"');
  return reply
    .code(status)
    .header("cache-control", "no-store")
    .type("application/json")
    .send({ error, error_description: description });
}

/** The client id and secret of an HTTP Basic header (each form-urlencoded first, RFC 6749 §2.3.1). */
function basicCredentials(request: FastifyRequest): TokenRequest["basic"] | null | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    const clean = (part: string) => decodeURIComponent(part.replace(/\+/g, " "));
    return { clientId: clean(decoded.slice(0, colon)), secret: clean(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

/** The token URL as clients address it: the `aud` their assertions must carry. */
export const tokenUrlOf = (publicUrl: string | undefined, request: FastifyRequest) =>
  `${publicBase(publicUrl, request)}/oauth/token`;

export async function tokenRoutes(
  instance: FastifyInstance,
  { ctx, publicUrl }: { ctx: OpContext; publicUrl: string | undefined },
) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    "/token",
    {
      schema: {
        tags: ["OAuth"],
        operationId: "issueToken",
        summary: "Issue an access token (client-credentials grant)",
        consumes: ["application/x-www-form-urlencoded"],
        body: TokenForm,
        response: { 200: TokenResponse, 400: OAuthErrorBody, 401: OAuthErrorBody, 429: OAuthErrorBody },
      },
    },
    async (request, reply) => {
      // RFC 6749 §4.4.2: the request is form-encoded; a JSON body is not a token request.
      if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers["content-type"] ?? ""))
        return oauthError(
          reply,
          400,
          "invalid_request",
          "Send the form as application/x-www-form-urlencoded.",
        );
      const basic = basicCredentials(request);
      if (basic === null)
        return oauthError(
          reply,
          401,
          "invalid_client",
          "The Authorization header is not HTTP Basic client credentials.",
        );
      const form = request.body as TokenRequest;
      const issued = await issueToken(
        ctx,
        { ...form, ...(basic ? { basic } : {}) },
        tokenUrlOf(publicUrl, request),
      );
      if ("error" in issued) {
        if (issued.error === "invalid_client") await app.credentialLimits.rejected(request, reply);
        return oauthError(
          reply,
          issued.error === "invalid_client" ? 401 : 400,
          issued.error,
          issued.description,
        );
      }
      return reply.header("cache-control", "no-store").header("pragma", "no-cache").send(issued);
    },
  );
}
