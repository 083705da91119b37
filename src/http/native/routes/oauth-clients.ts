/** Native administration of OAuth clients: register (secret shown once), list, revoke. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { OAuthClient } from "../../../domain/oauth/client.ts";
import type { ClientScope } from "../../../domain/oauth/scopes.ts";
import type { OpContext } from "../../../ops/context.ts";
import { clientsOf, createClient, revokeOAuthClient } from "../../../ops/oauth/clients.ts";
import { actorOf } from "../../dialect.ts";
import { idempotent, send } from "../../idempotency.ts";
import { parseId, parseRef } from "../../ids.ts";
import { errors, IdempotencyHeaders, IdParams, json, Location, named } from "../schemas/common.ts";
import { Client, ClientCreate, ClientCreated } from "../schemas/oauth-clients.ts";

const presentClient = (c: OAuthClient) => ({
  id: String(c.id),
  clientId: c.clientId,
  name: c.name,
  userId: String(c.userId),
  scopes: c.scopes,
  publicJwk: c.publicJwk,
  createdAt: c.createdAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
});

const tags = ["OAuth clients"];

export async function oauthClientRoutes(instance: FastifyInstance, { ctx }: { ctx: OpContext }) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/oauth-clients",
    {
      config: { action: "key.manage" },
      schema: {
        tags,
        operationId: "listOAuthClients",
        summary: "List OAuth clients (never their secrets)",
        response: {
          200: json("Every OAuth client", Type.Object({ data: Type.Array(named(Client)) })),
          ...errors,
        },
      },
    },
    async (request) => ({ data: (await clientsOf(ctx, actorOf(request))).map(presentClient) }),
  );

  app.post(
    "/oauth-clients",
    {
      config: { action: "key.manage" },
      schema: {
        tags,
        operationId: "createOAuthClient",
        summary: "Register an OAuth client; the secret is in this response only",
        headers: IdempotencyHeaders,
        body: ClientCreate,
        response: { 201: json("The client, with its secret", ClientCreated, { Location }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await idempotent(ctx, request, actor.workspaceId, async (scoped) => {
        const registered = await createClient(scoped, actor, {
          name: request.body.name,
          scopes: request.body.scopes as ClientScope[],
          userId: parseRef(request.body.userId) ?? undefined,
          publicJwk: request.body.publicJwk ?? null,
        });
        return {
          statusCode: 201,
          headers: { location: `/api/v1/oauth-clients/${registered.client.id}` },
          body: { ...presentClient(registered.client), clientSecret: registered.secret },
        };
      });
      return send(reply, result);
    },
  );

  app.delete(
    "/oauth-clients/:id",
    {
      config: { action: "key.manage" },
      schema: {
        tags,
        operationId: "revokeOAuthClient",
        summary: "Revoke an OAuth client; its tokens stop working",
        params: IdParams,
        response: { 200: json("The revoked client", Client), ...errors },
      },
    },
    async (request) =>
      presentClient(
        await revokeOAuthClient(ctx, actorOf(request), parseId(request.params.id, "oauth_client")),
      ),
  );
}
