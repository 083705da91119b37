/** MPT queue routes: list (RQL), create, read, update, delete, activate, disable. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../domain/access.ts";
import { definedOnly } from "../../../domain/partial.ts";
import {
  createQueue,
  findQueues,
  getQueue,
  queueDetailsOf,
  removeQueue,
  updateQueue,
} from "../../../ops/admin/queues.ts";
import type { OpContext } from "../../../ops/context.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { parseMptId, refOf } from "../ids.ts";
import { listQuery, page } from "../list.ts";
import { presentQueue } from "../present-queue.ts";
import { IdParams, ListOf, QueueCreate, QueueObject, QueuePut } from "../schemas.ts";
import { QUEUE_VOCABULARY } from "../vocabulary.ts";
import { write } from "../write.ts";

type Queue = Awaited<ReturnType<typeof getQueue>>;

async function presented(ctx: OpContext, actor: Actor, queues: Queue[]) {
  const details = await queueDetailsOf(ctx, actor, queues);
  return queues.map((queue) => presentQueue(details, queue));
}

interface QueueBody {
  name?: string;
  shortDescription?: string;
  description?: string;
  externalId?: string | null;
  internal?: boolean;
  default?: boolean;
  account?: { id: string };
}

const toQueueFields = (body: QueueBody) =>
  definedOnly({
    name: body.name,
    shortDescription: body.shortDescription,
    description: body.description,
    externalId: body.externalId,
    internal: body.internal,
    isDefault: body.default,
    ownerAccountId: refOf("account", body.account),
  });

export async function mptQueueRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/helpdesk/queues",
    { config: { action: "directory.read" }, schema: { response: { 200: ListOf(QueueObject) } } },
    async (request) => {
      const actor = actorOf(request);
      const query = listQuery(request, QUEUE_VOCABULARY, [{ field: "name", direction: "asc" }]);
      const { queues, total } = await findQueues(ctx, actor, query);
      return page(query, total, await presented(ctx, actor, queues));
    },
  );

  app.post(
    "/helpdesk/queues",
    { config: { action: "directory.manage" }, schema: { body: QueueCreate, response: { 201: QueueObject } } },
    async (request, reply) => {
      const actor = actorOf(request);
      return write(ctx, request, reply, 201, async (scoped) => {
        // A queue belongs to the account that creates it unless another owner is named.
        const created = await createQueue(scoped, actor, {
          ownerAccountId: actor.accountId,
          ...toQueueFields(request.body),
          name: request.body.name,
        });
        return (await presented(scoped, actor, [created]))[0];
      });
    },
  );

  app.get(
    "/helpdesk/queues/:id",
    { config: { action: "directory.read" }, schema: { params: IdParams, response: { 200: QueueObject } } },
    async (request) => {
      const actor = actorOf(request);
      const queue = await getQueue(ctx, actor, parseMptId("queue", request.params.id));
      return (await presented(ctx, actor, [queue]))[0];
    },
  );

  app.put(
    "/helpdesk/queues/:id",
    {
      config: { action: "directory.manage" },
      schema: { params: IdParams, body: QueuePut, response: { 200: QueueObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return write(ctx, request, reply, 200, async (scoped) => {
        const id = parseMptId("queue", request.params.id);
        const updated = await updateQueue(scoped, actor, id, toQueueFields(request.body));
        return (await presented(scoped, actor, [updated]))[0];
      });
    },
  );

  app.delete(
    "/helpdesk/queues/:id",
    { config: { action: "directory.manage" }, schema: { params: IdParams } },
    async (request, reply) => {
      await removeQueue(ctx, actorOf(request), parseMptId("queue", request.params.id));
      return reply.code(204).send();
    },
  );

  for (const [action, active] of [
    ["activate", true],
    ["disable", false],
  ] as const)
    app.post(
      `/helpdesk/queues/:id/${action}`,
      {
        config: { action: "directory.manage" },
        schema: { params: IdParams, response: { 200: QueueObject } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return write(ctx, request, reply, 200, async (scoped) => {
          const updated = await updateQueue(scoped, actor, parseMptId("queue", request.params.id), {
            active,
          });
          return (await presented(scoped, actor, [updated]))[0];
        });
      },
    );
}
