/** MPT parameter definitions: list (RQL), create, read, update, delete; views of Casework's custom fields. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../domain/access.ts";
import type { FieldDefinition } from "../../../domain/fields/definition.ts";
import { missing } from "../../../domain/missing.ts";
import {
  createField,
  fieldDetailsOf,
  findFields,
  getField,
  removeField,
  updateField,
} from "../../../ops/admin/fields.ts";
import type { OpContext } from "../../../ops/context.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { parseMptId } from "../ids.ts";
import { listQuery, page } from "../list.ts";
import { toDefinitionChanges, toDefinitionInput } from "../parameter-input.ts";
import { ParameterCreate, ParameterObject, ParameterPut } from "../parameter-schemas.ts";
import { isParameter, PARAMETER_FIELD_TYPES, PARAMETER_OBJECTS } from "../parameter-types.ts";
import { presentParameter } from "../present-parameter.ts";
import { IdParams, ListOf } from "../schemas.ts";
import { PARAMETER_VOCABULARY } from "../vocabulary.ts";
import { write } from "../write.ts";

async function presented(ctx: OpContext, actor: Actor, definitions: FieldDefinition[]) {
  const details = await fieldDetailsOf(ctx, actor, definitions);
  return definitions.map((d) => presentParameter(details, d));
}

/** A field that is no parameter (a contact field, a number) is not there for this dialect. */
export async function getParameter(ctx: OpContext, actor: Actor, raw: string): Promise<FieldDefinition> {
  const definition = await getField(ctx, actor, parseMptId("parameter", raw));
  if (!isParameter(definition)) throw missing("field");
  return definition;
}

export async function mptParameterRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/helpdesk/parameters",
    { config: { action: "field.read" }, schema: { response: { 200: ListOf(ParameterObject) } } },
    async (request) => {
      const actor = actorOf(request);
      const query = listQuery(request, PARAMETER_VOCABULARY, [{ field: "displayOrder", direction: "asc" }]);
      const { definitions, total } = await findFields(ctx, actor, {
        ...query,
        where: {
          all: [
            { field: "object", op: "in", values: [...PARAMETER_OBJECTS] },
            { field: "type", op: "in", values: [...PARAMETER_FIELD_TYPES] },
            ...(query.where ? [query.where] : []),
          ],
        },
      });
      return page(query, total, await presented(ctx, actor, definitions));
    },
  );

  app.post(
    "/helpdesk/parameters",
    {
      config: { action: "directory.manage" },
      schema: { body: ParameterCreate, response: { 201: ParameterObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return write(ctx, request, reply, 201, async (scoped) => {
        const created = await createField(scoped, actor, toDefinitionInput(request.body));
        return (await presented(scoped, actor, [created]))[0];
      });
    },
  );

  app.get(
    "/helpdesk/parameters/:id",
    { config: { action: "field.read" }, schema: { params: IdParams, response: { 200: ParameterObject } } },
    async (request) => {
      const actor = actorOf(request);
      return (await presented(ctx, actor, [await getParameter(ctx, actor, request.params.id)]))[0];
    },
  );

  app.put(
    "/helpdesk/parameters/:id",
    {
      config: { action: "directory.manage" },
      schema: { params: IdParams, body: ParameterPut, response: { 200: ParameterObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return write(ctx, request, reply, 200, async (scoped) => {
        const current = await getParameter(scoped, actor, request.params.id);
        const updated = await updateField(
          scoped,
          actor,
          current.id,
          toDefinitionChanges(current, request.body),
        );
        return (await presented(scoped, actor, [updated]))[0];
      });
    },
  );

  app.delete(
    "/helpdesk/parameters/:id",
    { config: { action: "directory.manage" }, schema: { params: IdParams } },
    async (request, reply) => {
      const actor = actorOf(request);
      const definition = await getParameter(ctx, actor, request.params.id);
      await removeField(ctx, actor, definition.id);
      return reply.code(204).send();
    },
  );
}
