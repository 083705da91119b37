/** MPT parameter groups (Casework field groups) and the parameters in them, each with its display order. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../domain/access.ts";
import type { FieldGroup } from "../../../domain/fields/group.ts";
import { definedOnly } from "../../../domain/partial.ts";
import {
  addMember,
  createGroup,
  findGroups,
  getGroup,
  getMember,
  groupDetailsOf,
  membersOf,
  removeGroup,
  removeMember,
  updateGroup,
  updateMember,
} from "../../../ops/admin/field-groups.ts";
import type { OpContext } from "../../../ops/context.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { parseMptId, refOf } from "../ids.ts";
import { listQuery, page } from "../list.ts";
import {
  GroupCreate,
  GroupObject,
  GroupPut,
  MemberCreate,
  MemberObject,
  MemberParams,
  MemberPut,
} from "../parameter-schemas.ts";
import { isParameter } from "../parameter-types.ts";
import { presentGroup, presentMember } from "../present-parameter.ts";
import { IdParams, ListOf } from "../schemas.ts";
import { GROUP_VOCABULARY, MEMBER_VOCABULARY } from "../vocabulary.ts";
import { write } from "../write.ts";

async function presented(ctx: OpContext, actor: Actor, groups: FieldGroup[]) {
  const details = await groupDetailsOf(ctx, actor, groups);
  return groups.map((g) => presentGroup(details, g));
}

const groupId = (raw: string) => parseMptId("parameterGroup", raw);

export async function mptParameterGroupRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const groups = "/helpdesk/parameter-groups";

  app.get(
    groups,
    { config: { action: "field.read" }, schema: { response: { 200: ListOf(GroupObject) } } },
    async (request) => {
      const actor = actorOf(request);
      const query = listQuery(request, GROUP_VOCABULARY, [{ field: "name", direction: "asc" }]);
      const found = await findGroups(ctx, actor, query);
      return page(query, found.total, await presented(ctx, actor, found.groups));
    },
  );

  app.post(
    groups,
    { config: { action: "directory.manage" }, schema: { body: GroupCreate, response: { 201: GroupObject } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { name, label, description } = request.body;
      return write(ctx, request, reply, 201, async (scoped) => {
        const created = await createGroup(
          scoped,
          actor,
          definedOnly({ name, label, description }) as { name: string },
        );
        return (await presented(scoped, actor, [created]))[0];
      });
    },
  );

  app.get(
    `${groups}/:id`,
    { config: { action: "field.read" }, schema: { params: IdParams, response: { 200: GroupObject } } },
    async (request) => {
      const actor = actorOf(request);
      return (await presented(ctx, actor, [await getGroup(ctx, actor, groupId(request.params.id))]))[0];
    },
  );

  app.put(
    `${groups}/:id`,
    {
      config: { action: "directory.manage" },
      schema: { params: IdParams, body: GroupPut, response: { 200: GroupObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { name, label, description } = request.body;
      return write(ctx, request, reply, 200, async (scoped) => {
        const updated = await updateGroup(
          scoped,
          actor,
          groupId(request.params.id),
          definedOnly({ name, label, description }),
        );
        return (await presented(scoped, actor, [updated]))[0];
      });
    },
  );

  app.delete(
    `${groups}/:id`,
    { config: { action: "directory.manage" }, schema: { params: IdParams } },
    async (request, reply) => {
      await removeGroup(ctx, actorOf(request), groupId(request.params.id));
      return reply.code(204).send();
    },
  );

  app.get(
    `${groups}/:id/parameters`,
    {
      config: { action: "field.read" },
      schema: { params: IdParams, response: { 200: ListOf(MemberObject) } },
    },
    async (request) => {
      const actor = actorOf(request);
      const query = listQuery(request, MEMBER_VOCABULARY, [{ field: "displayOrder", direction: "asc" }]);
      const { group, members, total } = await membersOf(ctx, actor, groupId(request.params.id), query);
      return page(
        query,
        total,
        members.map((m) => presentMember(group, m)),
      );
    },
  );

  app.post(
    `${groups}/:id/parameters`,
    {
      config: { action: "directory.manage" },
      schema: { params: IdParams, body: MemberCreate, response: { 201: MemberObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { parameter, id, displayOrder } = request.body;
      return write(ctx, request, reply, 201, async (scoped) => {
        const group = groupId(request.params.id);
        // Either form names the parameter; naming none refers to no field, a 400 naming parameter.id.
        const fieldId = refOf("parameter", parameter ?? (id === undefined ? { id: "" } : { id }))!;
        const added = await addMember(scoped, actor, group, { fieldId, displayOrder }, isParameter);
        return presentMember(await getGroup(scoped, actor, group), added);
      });
    },
  );

  app.get(
    `${groups}/:id/parameters/:parameterId`,
    { config: { action: "field.read" }, schema: { params: MemberParams, response: { 200: MemberObject } } },
    async (request) => {
      const actor = actorOf(request);
      const id = groupId(request.params.id);
      const found = await getMember(ctx, actor, id, parseMptId("parameter", request.params.parameterId));
      return presentMember(await getGroup(ctx, actor, id), found);
    },
  );

  app.put(
    `${groups}/:id/parameters/:parameterId`,
    {
      config: { action: "directory.manage" },
      schema: { params: MemberParams, body: MemberPut, response: { 200: MemberObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return write(ctx, request, reply, 200, async (scoped) => {
        const id = groupId(request.params.id);
        const fieldId = parseMptId("parameter", request.params.parameterId);
        const updated = await updateMember(scoped, actor, id, fieldId, {
          displayOrder: request.body.displayOrder,
        });
        return presentMember(await getGroup(scoped, actor, id), updated);
      });
    },
  );

  app.delete(
    `${groups}/:id/parameters/:parameterId`,
    { config: { action: "directory.manage" }, schema: { params: MemberParams } },
    async (request, reply) => {
      const actor = actorOf(request);
      await removeMember(
        ctx,
        actor,
        groupId(request.params.id),
        parseMptId("parameter", request.params.parameterId),
      );
      return reply.code(204).send();
    },
  );
}
