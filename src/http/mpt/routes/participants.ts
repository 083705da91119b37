/** MPT chat participants: the contacts and users taking part in a case's conversation. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Actor } from "../../../domain/access.ts";
import type { Participant, ParticipantStatus } from "../../../domain/chats/participant.ts";
import { definedOnly } from "../../../domain/partial.ts";
import {
  addParticipants,
  getParticipant,
  listParticipants,
  participantDetails,
  removeParticipant,
  updateParticipant,
} from "../../../ops/chats/participants.ts";
import type { OpContext } from "../../../ops/context.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import {
  ParticipantObject,
  ParticipantParams,
  ParticipantPut,
  ParticipantsPost,
} from "../conversation-schemas.ts";
import { parseMptId, refOf } from "../ids.ts";
import { listQuery, page } from "../list.ts";
import { presentParticipant } from "../present-conversation.ts";
import { IdParams, ListOf } from "../schemas.ts";
import { write } from "../write.ts";

async function presented(ctx: OpContext, actor: Actor, participants: Participant[]) {
  const details = await participantDetails(ctx, actor, participants);
  return participants.map((participant) => presentParticipant(details, participant));
}

const chatNumber = (id: string) => parseMptId("chat", id);
const base = "/helpdesk/chats/:id/participants";

export async function mptParticipantRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    base,
    {
      config: { action: "case.read" },
      schema: { params: IdParams, response: { 200: ListOf(ParticipantObject) } },
    },
    async (request) => {
      const actor = actorOf(request);
      const query = listQuery(request, {}, []);
      const found = await listParticipants(ctx, actor, chatNumber(request.params.id), query);
      return page(query, found.total, await presented(ctx, actor, found.participants));
    },
  );

  app.post(
    base,
    {
      config: { action: "case.update" },
      schema: { params: IdParams, body: ParticipantsPost, response: { 201: Type.Array(ParticipantObject) } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // A malformed contact id names no contact: the op reports it as any unknown one, by its position.
      const contacts = request.body.map((item) => refOf("contact", item.contact) as number);
      return write(ctx, request, reply, 201, async (scoped) => {
        const added = await addParticipants(scoped, actor, chatNumber(request.params.id), contacts);
        return presented(scoped, actor, added);
      });
    },
  );

  app.get(
    `${base}/:participantId`,
    {
      config: { action: "case.read" },
      schema: { params: ParticipantParams, response: { 200: ParticipantObject } },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id, participantId } = request.params;
      const found = await getParticipant(
        ctx,
        actor,
        chatNumber(id),
        parseMptId("participant", participantId),
      );
      return (await presented(ctx, actor, [found]))[0];
    },
  );

  app.put(
    `${base}/:participantId`,
    {
      config: { action: "case.update" },
      schema: { params: ParticipantParams, body: ParticipantPut, response: { 200: ParticipantObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, participantId } = request.params;
      const { status, muted, lastReadMessage } = request.body;
      return write(ctx, request, reply, 200, async (scoped) => {
        const updated = await updateParticipant(
          scoped,
          actor,
          chatNumber(id),
          parseMptId("participant", participantId),
          definedOnly({
            status: status?.toLowerCase() as ParticipantStatus | undefined,
            muted,
            lastReadEntryId: refOf("message", lastReadMessage),
          }),
        );
        return (await presented(scoped, actor, [updated]))[0];
      });
    },
  );

  app.delete(
    `${base}/:participantId`,
    { config: { action: "case.update" }, schema: { params: ParticipantParams } },
    async (request, reply) => {
      const { id, participantId } = request.params;
      await removeParticipant(
        ctx,
        actorOf(request),
        chatNumber(id),
        parseMptId("participant", participantId),
      );
      return reply.code(204).send();
    },
  );
}
