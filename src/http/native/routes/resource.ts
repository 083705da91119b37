/**
 * Registers the usual list / create / get / update routes of an administered resource. Administration
 * lists are short (queues, accounts, users, fields): they are read whole and paged by id like every list.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { type Static, type TObject, type TSchema, Type } from "typebox";
import type { Actor } from "../../../domain/access.ts";
import type { IdKind } from "../../../domain/missing.ts";
import type { OpContext } from "../../../ops/context.ts";
import { actorOf } from "../../dialect.ts";
import { idempotent, send } from "../../idempotency.ts";
import { parseId } from "../../ids.ts";
import { pageBody, pageInMemory } from "../cursor.ts";
import {
  errors,
  IdempotencyHeaders,
  IdParams,
  json,
  Location,
  type PageQuery,
  pageOf,
  pageParams,
} from "../schemas/common.ts";

/** "a queue", "an account". */
const article = (noun: string) => `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;

export interface Resource<T, Create, Patch> {
  path: string;
  /** Which record an id of the path names, so a malformed one is that record's 404. */
  kind: IdKind;
  name: string;
  /** The resource's name in operation ids: `Queue` gives listQueues, createQueue… */
  operation: string;
  tag: string;
  schema: TSchema;
  createBody: TObject;
  patchBody: TObject;
  listQuery?: TObject;
  present: (value: T) => unknown;
  list: (ctx: OpContext, actor: Actor, query: Record<string, unknown>) => Promise<T[]>;
  create: (ctx: OpContext, actor: Actor, body: Create) => Promise<T & { id: number }>;
  get: (ctx: OpContext, actor: Actor, id: number) => Promise<T>;
  update: (ctx: OpContext, actor: Actor, id: number, body: Patch) => Promise<T>;
}

export function registerResource<T extends { id: number }, Create, Patch>(
  instance: FastifyInstance,
  ctx: OpContext,
  r: Resource<T, Create, Patch>,
) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const tags = [r.tag];
  app.get(
    r.path,
    {
      config: { action: "directory.read" },
      schema: {
        tags,
        operationId: `list${r.operation}s`,
        summary: `List ${r.name}s`,
        querystring: Type.Object(
          { ...r.listQuery?.properties, ...pageParams },
          { additionalProperties: false },
        ),
        response: { 200: json(`A page of ${r.name}s`, pageOf(r.schema)), ...errors },
      },
    },
    async (request) => {
      const query = request.query as Record<string, unknown> & Static<typeof PageQuery>;
      return pageBody(pageInMemory(await r.list(ctx, actorOf(request), query), query), r.present);
    },
  );
  app.post(
    r.path,
    {
      config: { action: "directory.manage" },
      schema: {
        tags,
        operationId: `create${r.operation}`,
        summary: `Create ${article(r.name)}`,
        headers: IdempotencyHeaders,
        body: r.createBody,
        response: { 201: json(`The created ${r.name}`, r.schema, { Location }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await idempotent(ctx, request, actor.workspaceId, async (scoped) => {
        const created = await r.create(scoped, actor, request.body as Create);
        return {
          statusCode: 201,
          headers: { location: `/api/v1${r.path}/${created.id}` },
          body: r.present(created),
        };
      });
      return send(reply, result);
    },
  );
  app.get(
    `${r.path}/:id`,
    {
      config: { action: "directory.read" },
      schema: {
        tags,
        operationId: `get${r.operation}`,
        summary: `Get ${article(r.name)}`,
        params: IdParams,
        response: { 200: json(`The ${r.name}`, r.schema), ...errors },
      },
    },
    async (request) =>
      r.present(await r.get(ctx, actorOf(request), parseId((request.params as { id: string }).id, r.kind))),
  );
  app.patch(
    `${r.path}/:id`,
    {
      config: { action: "directory.manage" },
      schema: {
        tags,
        operationId: `update${r.operation}`,
        summary: `Update ${article(r.name)}`,
        params: IdParams,
        body: r.patchBody,
        response: { 200: json(`The ${r.name} as changed`, r.schema), ...errors },
      },
    },
    async (request) =>
      r.present(
        await r.update(
          ctx,
          actorOf(request),
          parseId((request.params as { id: string }).id, r.kind),
          request.body as Patch,
        ),
      ),
  );
}
