/** Native case routes: create, read, list, update, trash, restore and purge. */

import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { createAndAnswer } from "../../../ops/cases/create-case.ts";
import { findCases, getCase } from "../../../ops/cases/read-cases.ts";
import { purgeCase, restoreCase, trashCase } from "../../../ops/cases/trash-case.ts";
import { updateCase } from "../../../ops/cases/update-case.ts";
import type { OpContext } from "../../../ops/context.ts";
import { actorOf } from "../../dialect.ts";
import { idempotent, idempotentCreate, send } from "../../idempotency.ts";
import { parseId } from "../../ids.ts";
import {
  cachedRevision,
  cursorOf,
  etag,
  expectedRevision,
  toCaseChanges,
  toCaseList,
  toEntryInputs,
} from "../case-input.ts";
import { pageBody } from "../cursor.ts";
import { presentCase, presentEntry } from "../present.ts";
import { Case, CaseCreate, CaseCreated, CaseListQuery, CasePatch } from "../schemas/cases.ts";
import {
  ETag,
  errors,
  IdempotencyHeaders,
  IdParams,
  IfMatchHeaders,
  IfNoneMatchHeaders,
  json,
  Location,
  noBody,
  pageOf,
} from "../schemas/common.ts";

const tags = ["Cases"];

export async function caseRoutes(instance: FastifyInstance, { ctx }: { ctx: OpContext }) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/cases",
    {
      config: { action: "case.create" },
      schema: {
        tags,
        operationId: "createCase",
        summary: "Create a case",
        description:
          "Accepts an Idempotency-Key header: a retry with the same key and body returns the first response.",
        headers: IdempotencyHeaders,
        body: CaseCreate,
        response: { 201: json("The created case", CaseCreated, { Location, ETag }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { requester, timeline, ...fields } = request.body;
      const result = await idempotentCreate(ctx, request, actor.workspaceId, async (scoped) => {
        const input = {
          ...toCaseChanges(fields),
          title: fields.title,
          requester,
          timeline: toEntryInputs(timeline),
        };
        const { answer } = await createAndAnswer(scoped, actor, input, {
          answer: async (_, created) => ({
            statusCode: 201,
            headers: { location: `/api/v1/cases/${created.case.number}`, etag: etag(created.case.revision) },
            body: { ...presentCase(created.case, actor), timeline: created.entries.map(presentEntry) },
          }),
        });
        return answer;
      });
      return send(reply, result);
    },
  );

  app.get(
    "/cases",
    {
      config: { action: "case.read" },
      schema: {
        tags,
        operationId: "listCases",
        summary: "List and search cases",
        description:
          "Filters combine with AND; pages follow `next` (keyset pagination, stable under inserts).",
        querystring: CaseListQuery,
        response: { 200: json("A page of cases", pageOf(Case)), ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const list = toCaseList(request.query);
      const page = await findCases(ctx, actor, list);
      return pageBody(
        page,
        (c) => presentCase(c, actor),
        (next) => cursorOf(list.sort, next),
      );
    },
  );

  app.get(
    "/cases/:id",
    {
      config: { action: "case.read" },
      schema: {
        tags,
        operationId: "getCase",
        summary: "Get a case",
        description:
          'The ETag is the revision; `If-None-Match: "<revision>"` answers 304 while it is current.',
        params: IdParams,
        headers: IfNoneMatchHeaders,
        response: {
          200: json("The case", Case, { ETag }),
          304: noBody("Not modified: the revision in If-None-Match is current", { ETag }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const found = await getCase(ctx, actor, parseId(request.params.id, "case"));
      reply.header("etag", etag(found.revision));
      if (cachedRevision(request.headers["if-none-match"]) === found.revision)
        return reply.code(304).send(null);
      return presentCase(found, actor);
    },
  );

  app.patch(
    "/cases/:id",
    {
      config: { action: "case.update" },
      schema: {
        tags,
        operationId: "updateCase",
        summary: "Update a case",
        description:
          'Send `If-Match: "<revision>"` to update only the revision you saw; a stale one gets 412.',
        params: IdParams,
        headers: IfMatchHeaders,
        body: CasePatch,
        response: { 200: json("The case as changed", Case, { ETag }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const updated = await updateCase(ctx, actor, parseId(request.params.id, "case"), {
        changes: toCaseChanges(request.body),
        expectedRevision: expectedRevision(request.headers["if-match"]),
      });
      reply.header("etag", etag(updated.case.revision));
      return presentCase(updated.case, actor);
    },
  );

  app.delete(
    "/cases/:id",
    {
      config: { action: "case.trash" },
      schema: {
        tags,
        operationId: "deleteCase",
        summary: "Move a case to the trash, or delete a trashed case for good",
        description:
          "Subcases go with their parent. `permanent=true` deletes a case that is already in the trash.",
        params: IdParams,
        querystring: Type.Object(
          { permanent: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: {
          200: json("The case, now in the trash", Case, { ETag }),
          204: noBody("Deleted for good (`permanent=true`)"),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const number = parseId(request.params.id, "case");
      if (request.query.permanent) {
        await purgeCase(ctx, actor, number);
        return reply.code(204).send(null);
      }
      const trashed = await trashCase(ctx, actor, number);
      reply.header("etag", etag(trashed.revision));
      return presentCase(trashed, actor);
    },
  );

  app.post(
    "/cases/:id/restore",
    {
      config: { action: "case.restore" },
      schema: {
        tags,
        operationId: "restoreCase",
        summary: "Restore a case from the trash",
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 200: json("The case, out of the trash", Case, { ETag }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await idempotent(ctx, request, actor.workspaceId, async (scoped) => {
        const restored = await restoreCase(scoped, actor, parseId(request.params.id, "case"));
        return {
          statusCode: 200,
          headers: { etag: etag(restored.revision) },
          body: presentCase(restored, actor),
        };
      });
      return send(reply, result);
    },
  );
}
