/** MPT chat links: addresses shared in a case's conversation, optionally on one of its messages. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../domain/access.ts";
import type { Link } from "../../../domain/chats/link.ts";
import { definedOnly } from "../../../domain/partial.ts";
import { addersOf } from "../../../ops/chats/conversation.ts";
import { addLink, changeLink, getLink, listLinks } from "../../../ops/chats/links.ts";
import type { OpContext } from "../../../ops/context.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { LinkObject, LinkParams, LinkWrite } from "../conversation-schemas.ts";
import { parseMptId, refOf } from "../ids.ts";
import { listQuery, page } from "../list.ts";
import { presentLink } from "../present-conversation.ts";
import { IdParams, ListOf } from "../schemas.ts";
import { write } from "../write.ts";

async function presented(ctx: OpContext, actor: Actor, links: Link[]) {
  const related = await addersOf(ctx, actor, links);
  return links.map((link) => presentLink(related, link));
}

interface LinkBody {
  uri?: string;
  url?: string;
  name?: string;
  message?: { id: string } | null;
}

const toLinkFields = (body: LinkBody) =>
  definedOnly({ uri: body.uri ?? body.url, name: body.name, entryId: refOf("message", body.message) });

const chatNumber = (id: string) => parseMptId("chat", id);
const base = "/helpdesk/chats/:id/links";

export async function mptLinkRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    base,
    { config: { action: "case.read" }, schema: { params: IdParams, response: { 200: ListOf(LinkObject) } } },
    async (request) => {
      const actor = actorOf(request);
      const query = listQuery(request, {}, []);
      const found = await listLinks(ctx, actor, chatNumber(request.params.id), query);
      return page(query, found.total, await presented(ctx, actor, found.links));
    },
  );

  app.post(
    base,
    {
      config: { action: "case.update" },
      schema: { params: IdParams, body: LinkWrite, response: { 201: LinkObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return write(ctx, request, reply, 201, async (scoped) => {
        const added = await addLink(scoped, actor, chatNumber(request.params.id), toLinkFields(request.body));
        return (await presented(scoped, actor, [added]))[0];
      });
    },
  );

  app.get(
    `${base}/:linkId`,
    { config: { action: "case.read" }, schema: { params: LinkParams, response: { 200: LinkObject } } },
    async (request) => {
      const actor = actorOf(request);
      const { id, linkId } = request.params;
      const found = await getLink(ctx, actor, chatNumber(id), parseMptId("link", linkId));
      return (await presented(ctx, actor, [found]))[0];
    },
  );

  app.put(
    `${base}/:linkId`,
    {
      config: { action: "case.update" },
      schema: { params: LinkParams, body: LinkWrite, response: { 200: LinkObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, linkId } = request.params;
      return write(ctx, request, reply, 200, async (scoped) => {
        const changed = await changeLink(
          scoped,
          actor,
          chatNumber(id),
          parseMptId("link", linkId),
          toLinkFields(request.body),
        );
        return (await presented(scoped, actor, [changed]))[0];
      });
    },
  );

  app.delete(
    `${base}/:linkId`,
    { config: { action: "case.update" }, schema: { params: LinkParams } },
    async (request, reply) => {
      const { id, linkId } = request.params;
      await changeLink(ctx, actorOf(request), chatNumber(id), parseMptId("link", linkId), "remove");
      return reply.code(204).send();
    },
  );
}
