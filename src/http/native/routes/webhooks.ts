/** Native webhook routes (admin scope): subscriptions, secret rotation, deliveries, attempts, redelivery. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { attemptsOf, deliveriesOf, redeliver } from "../../../ops/webhooks/deliveries.ts";
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  updateWebhook,
  webhooksOf,
} from "../../../ops/webhooks/subscriptions.ts";
import { actorOf, type DialectOptions } from "../../dialect.ts";
import { idempotent, send } from "../../idempotency.ts";
import { parseId } from "../../ids.ts";
import {
  presentAttempt,
  presentDelivery,
  presentWebhook,
  presentWebhookWithSecret,
} from "../present-webhooks.ts";
import { errors, IdempotencyHeaders, IdParams, json, Location, named, noBody } from "../schemas/common.ts";
import {
  Attempt,
  AttemptQuery,
  Delivery,
  DeliveryParams,
  DeliveryQuery,
  SecretRotation,
  Webhook,
  WebhookCreate,
  WebhookPatch,
  WebhookWithSecret,
} from "../schemas/webhooks.ts";

const tags = ["Webhooks"];
const config = { action: "webhook.manage" as const };
const page = (query: { before?: string; limit?: number }) => ({
  limit: query.limit ?? 50,
  ...(query.before ? { before: Number(query.before) } : {}),
});

export async function webhookRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/webhooks",
    {
      config,
      schema: {
        tags,
        operationId: "listWebhooks",
        summary: "List webhook subscriptions (never their secrets)",
        response: {
          200: json("Every subscription", Type.Object({ data: Type.Array(named(Webhook)) })),
          ...errors,
        },
      },
    },
    async (request) => ({ data: (await webhooksOf(ctx, actorOf(request))).map(presentWebhook) }),
  );
  app.post(
    "/webhooks",
    {
      config,
      schema: {
        tags,
        operationId: "createWebhook",
        summary: "Subscribe a URL to topics; the signing secret is in this response only",
        headers: IdempotencyHeaders,
        body: WebhookCreate,
        response: {
          201: json("The subscription, with its secret", WebhookWithSecret, { Location }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await idempotent(ctx, request, actor.workspaceId, async (scoped) => {
        const created = await createWebhook(scoped, actor, request.body);
        return {
          statusCode: 201,
          headers: { location: `/api/v1/webhooks/${created.id}` },
          body: presentWebhookWithSecret(created),
        };
      });
      return send(reply, result);
    },
  );
  app.get(
    "/webhooks/:id",
    {
      config,
      schema: {
        tags,
        operationId: "getWebhook",
        summary: "Get a webhook subscription, with its health",
        params: IdParams,
        response: { 200: json("The subscription", Webhook), ...errors },
      },
    },
    async (request) =>
      presentWebhook(await getWebhook(ctx, actorOf(request), parseId(request.params.id, "webhook"))),
  );
  app.patch(
    "/webhooks/:id",
    {
      config,
      schema: {
        tags,
        operationId: "updateWebhook",
        summary: "Change a webhook subscription (url, topics, active, description)",
        params: IdParams,
        body: WebhookPatch,
        response: { 200: json("The subscription as changed", Webhook), ...errors },
      },
    },
    async (request) =>
      presentWebhook(
        await updateWebhook(ctx, actorOf(request), parseId(request.params.id, "webhook"), request.body),
      ),
  );
  app.delete(
    "/webhooks/:id",
    {
      config,
      schema: {
        tags,
        operationId: "deleteWebhook",
        summary: "Delete a webhook subscription with its deliveries",
        params: IdParams,
        response: { 204: noBody("Deleted, with its deliveries"), ...errors },
      },
    },
    async (request, reply) => {
      await deleteWebhook(ctx, actorOf(request), parseId(request.params.id, "webhook"));
      return reply.code(204).send(null);
    },
  );
  app.post(
    "/webhooks/:id/rotate-secret",
    {
      config,
      schema: {
        tags,
        operationId: "rotateWebhookSecret",
        summary: "Issue a new signing secret; the old one keeps signing beside it for the overlap",
        params: IdParams,
        body: SecretRotation,
        response: { 200: json("The subscription, with its new secret", WebhookWithSecret), ...errors },
      },
    },
    async (request) => {
      const overlapSeconds = request.body?.overlapSeconds ?? 86_400;
      return presentWebhookWithSecret(
        await updateWebhook(ctx, actorOf(request), parseId(request.params.id, "webhook"), {
          rotateSecret: { overlapMs: overlapSeconds * 1000 },
        }),
      );
    },
  );
  app.get(
    "/webhooks/:id/deliveries",
    {
      config,
      schema: {
        tags,
        operationId: "listWebhookDeliveries",
        summary: "A subscription's deliveries, newest first",
        params: IdParams,
        querystring: DeliveryQuery,
        response: {
          200: json("Deliveries, newest first", Type.Object({ data: Type.Array(named(Delivery)) })),
          ...errors,
        },
      },
    },
    async (request) => {
      const { state, ...rest } = request.query;
      const found = await deliveriesOf(ctx, actorOf(request), parseId(request.params.id, "webhook"), {
        ...page(rest),
        ...(state ? { state } : {}),
      });
      return { data: found.map(presentDelivery) };
    },
  );
  app.get(
    "/webhooks/:id/attempts",
    {
      config,
      schema: {
        tags,
        operationId: "listWebhookAttempts",
        summary: "Every attempt (status, latency, error), newest first",
        params: IdParams,
        querystring: AttemptQuery,
        response: {
          200: json("Attempts, newest first", Type.Object({ data: Type.Array(named(Attempt)) })),
          ...errors,
        },
      },
    },
    async (request) => ({
      data: (
        await attemptsOf(ctx, actorOf(request), parseId(request.params.id, "webhook"), page(request.query))
      ).map(presentAttempt),
    }),
  );
  app.post(
    "/webhooks/:id/deliveries/:deliveryId/redeliver",
    {
      config,
      schema: {
        tags,
        operationId: "redeliverWebhookDelivery",
        summary: "Send a delivery again, with a fresh retry schedule",
        params: DeliveryParams,
        response: { 202: json("The delivery, queued again", Delivery), ...errors },
      },
    },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      const delivery = await redeliver(
        ctx,
        actorOf(request),
        parseId(id, "webhook"),
        parseId(deliveryId, "delivery"),
      );
      return reply.code(202).send(presentDelivery(delivery));
    },
  );
}
