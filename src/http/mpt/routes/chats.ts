/** MPT case chats and their messages: a case's chat is the case, its messages are the case's timeline. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../domain/access.ts";
import type { Case } from "../../../domain/cases/case.ts";
import { definedOnly } from "../../../domain/partial.ts";
import type { TimelineEntry } from "../../../domain/timeline/entry.ts";
import { deleteEntry, editEntry } from "../../../ops/cases/edit-entry.ts";
import { entriesPage, lastEntries, queryVisibleCases } from "../../../ops/cases/query-cases.ts";
import { getCase, getEntry } from "../../../ops/cases/read-cases.ts";
import { updateCase } from "../../../ops/cases/update-case.ts";
import type { OpContext } from "../../../ops/context.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { toMessage, toVisibility } from "../case-input.ts";
import { parseMptId } from "../ids.ts";
import { listQuery, page } from "../list.ts";
import { presentChat, presentMessage } from "../present.ts";
import {
  ChatObject,
  ChatPut,
  IdParams,
  ListOf,
  MessageObject,
  MessageParams,
  MessagePost,
  MessagePut,
} from "../schemas.ts";
import { viewOf } from "../view.ts";
import { CHAT_VOCABULARY } from "../vocabulary.ts";
import { write } from "../write.ts";

const chatNumber = (id: string) => parseMptId("chat", id);

async function presentChats(ctx: OpContext, actor: Actor, cases: Case[]) {
  const last = await lastEntries(ctx, actor, cases);
  const view = await viewOf(ctx, actor, cases, [...last.values()]);
  return cases.map((c) => presentChat(view, c, last.get(c.number)));
}

async function presentMessages(ctx: OpContext, actor: Actor, entries: TimelineEntry[]) {
  const view = await viewOf(ctx, actor, [], entries);
  return entries.map((entry) => presentMessage(view.details.related, entry));
}

export async function mptChatRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/helpdesk/chats",
    { config: { action: "case.read" }, schema: { response: { 200: ListOf(ChatObject) } } },
    async (request) => {
      const actor = actorOf(request);
      const query = listQuery(request, CHAT_VOCABULARY, [{ field: "createdAt", direction: "desc" }]);
      const { cases, total } = await queryVisibleCases(ctx, actor, query);
      return page(query, total, await presentChats(ctx, actor, cases));
    },
  );

  app.get(
    "/helpdesk/chats/:id",
    { config: { action: "case.read" }, schema: { params: IdParams, response: { 200: ChatObject } } },
    async (request) => {
      const actor = actorOf(request);
      const found = await getCase(ctx, actor, chatNumber(request.params.id));
      return (await presentChats(ctx, actor, [found]))[0];
    },
  );

  app.put(
    "/helpdesk/chats/:id",
    {
      config: { action: "case.update" },
      schema: { params: IdParams, body: ChatPut, response: { 200: ChatObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { name, description, revision } = request.body;
      return write(ctx, request, reply, 200, async (scoped) => {
        const updated = await updateCase(scoped, actor, chatNumber(request.params.id), {
          changes: definedOnly({ title: name, description }),
          ...(revision !== undefined ? { expectedRevision: revision } : {}),
        });
        return (await presentChats(scoped, actor, [updated.case]))[0];
      });
    },
  );

  app.get(
    "/helpdesk/chats/:id/messages",
    {
      config: { action: "case.read" },
      schema: { params: IdParams, response: { 200: ListOf(MessageObject) } },
    },
    async (request) => {
      const actor = actorOf(request);
      const query = listQuery(request, {}, []);
      const { entries, total } = await entriesPage(ctx, actor, chatNumber(request.params.id), query);
      return page(query, total, await presentMessages(ctx, actor, entries));
    },
  );

  app.post(
    "/helpdesk/chats/:id/messages",
    {
      config: { action: "entry.add" },
      schema: { params: IdParams, body: MessagePost, response: { 201: MessageObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { content, visibility } = request.body;
      return write(ctx, request, reply, 201, async (scoped) => {
        const updated = await updateCase(scoped, actor, chatNumber(request.params.id), {
          changes: {},
          timeline: [toMessage(content, visibility)],
        });
        return (await presentMessages(scoped, actor, updated.entries))[0];
      });
    },
  );

  app.get(
    "/helpdesk/chats/:id/messages/:messageId",
    {
      config: { action: "case.read" },
      schema: { params: MessageParams, response: { 200: MessageObject } },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id, messageId } = request.params;
      const entry = await getEntry(ctx, actor, chatNumber(id), parseMptId("message", messageId));
      return (await presentMessages(ctx, actor, [entry]))[0];
    },
  );

  app.put(
    "/helpdesk/chats/:id/messages/:messageId",
    {
      config: { action: "entry.edit" },
      schema: { params: MessageParams, body: MessagePut, response: { 200: MessageObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { content, visibility } = request.body;
      const { id, messageId } = request.params;
      return write(ctx, request, reply, 200, async (scoped) => {
        const edited = await editEntry(scoped, actor, chatNumber(id), parseMptId("message", messageId), {
          ...definedOnly({ body: content, visibility: toVisibility(visibility) }),
        });
        return (await presentMessages(scoped, actor, [edited.entry]))[0];
      });
    },
  );

  app.delete(
    "/helpdesk/chats/:id/messages/:messageId",
    { config: { action: "entry.edit" }, schema: { params: MessageParams } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, messageId } = request.params;
      await deleteEntry(ctx, actor, chatNumber(id), parseMptId("message", messageId));
      return reply.code(204).send();
    },
  );
}
