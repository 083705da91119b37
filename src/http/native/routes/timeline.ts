/** Native timeline and history routes of a case. */

import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { ErrorObject } from "ajv";
import type { FastifyError, FastifyInstance } from "fastify";
import { Type } from "typebox";
import { describe, Failure } from "../../../domain/errors.ts";
import { editEntry } from "../../../ops/cases/edit-entry.ts";
import { caseHistory, caseTimeline } from "../../../ops/cases/read-cases.ts";
import { updateCase } from "../../../ops/cases/update-case.ts";
import type { OpContext } from "../../../ops/context.ts";
import { actorOf } from "../../dialect.ts";
import { idempotent, send } from "../../idempotency.ts";
import { parseId } from "../../ids.ts";
import { fieldErrors } from "../../validation.ts";
import { etag, expectedRevision, toEntryInputs } from "../case-input.ts";
import { afterIdOf, pageBody } from "../cursor.ts";
import { presentAudit, presentEntry } from "../present.ts";
import { AuditRecord, Entry, EntryCreate, EntryParams, EntryPatch } from "../schemas/cases.ts";
import {
  ETag,
  errors,
  IdempotentIfMatchHeaders,
  IdParams,
  json,
  named,
  PageQuery,
  pageOf,
} from "../schemas/common.ts";

const tags = ["Timeline"];

const pageFrom = (query: { limit?: number; cursor?: string; count?: boolean }) => ({
  afterId: afterIdOf(query.cursor),
  limit: query.limit ?? 50,
  count: query.count,
});

/** Entry errors name `timeline.<index>.<field>`, whether one entry or an array was sent, as on case create. */
function asTimelineErrors(error: FastifyError, sentArray: boolean): Failure {
  const base = sentArray ? "/timeline" : "/timeline/0";
  const rebased = ((error.validation ?? []) as ErrorObject[]).map((e) =>
    e.instancePath === "" && e.keyword === "type" ? e : { ...e, instancePath: base + e.instancePath },
  );
  const fields = fieldErrors(rebased, "body");
  return new Failure({
    code: "validation_failed",
    message: describe(fields),
    fields,
  });
}

export async function timelineRoutes(instance: FastifyInstance, { ctx }: { ctx: OpContext }) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/cases/:id/timeline",
    {
      config: { action: "case.read" },
      schema: {
        tags,
        operationId: "listTimeline",
        summary: "List a case's timeline, oldest first",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: json("A page of timeline entries", pageOf(Entry)), ...errors },
      },
    },
    async (request) => {
      const page = await caseTimeline(
        ctx,
        actorOf(request),
        parseId(request.params.id, "case"),
        pageFrom(request.query),
      );
      return pageBody(page, presentEntry);
    },
  );

  app.post(
    "/cases/:id/timeline",
    {
      config: { action: "entry.add" },
      schema: {
        tags,
        operationId: "addTimelineEntries",
        summary: "Add entries to a case's timeline",
        description:
          "Takes one entry or an array. Interactions with an origin serviceId already on the case are not added again.",
        params: IdParams,
        headers: IdempotentIfMatchHeaders,
        body: Type.Union([EntryCreate, Type.Array(EntryCreate, { minItems: 1, maxItems: 100 })], {
          examples: [
            { kind: "note", visibility: "internal", body: "Asked the customer for the printer's model." },
          ],
        }),
        response: {
          201: json(
            "The entries added, and the case's new revision",
            Type.Object({ data: Type.Array(named(Entry)), revision: Type.Integer() }),
            { ETag },
          ),
          ...errors,
        },
      },
      attachValidation: true,
    },
    async (request, reply) => {
      if (request.validationError)
        throw asTimelineErrors(request.validationError as FastifyError, Array.isArray(request.body));
      const actor = actorOf(request);
      const entries = Array.isArray(request.body) ? request.body : [request.body];
      const result = await idempotent(ctx, request, actor.workspaceId, async (scoped) => {
        const updated = await updateCase(scoped, actor, parseId(request.params.id, "case"), {
          changes: {},
          timeline: toEntryInputs(entries),
          expectedRevision: expectedRevision(request.headers["if-match"]),
        });
        return {
          statusCode: 201,
          headers: { etag: etag(updated.case.revision) },
          body: { data: updated.entries.map(presentEntry), revision: updated.case.revision },
        };
      });
      return send(reply, result);
    },
  );

  app.patch(
    "/cases/:id/timeline/:entryId",
    {
      config: { action: "entry.edit" },
      schema: {
        tags,
        operationId: "editTimelineEntry",
        summary: "Edit a note",
        description:
          "Only notes can be edited; interactions and messages record what was said. The edit is a change of the case: it bumps the case's revision (returned as the ETag) and is in its history.",
        params: EntryParams,
        body: EntryPatch,
        response: { 200: json("The note as edited", Entry, { ETag }), ...errors },
      },
    },
    async (request, reply) => {
      const edited = await editEntry(
        ctx,
        actorOf(request),
        parseId(request.params.id, "case"),
        parseId(request.params.entryId, "entry"),
        request.body,
      );
      reply.header("etag", etag(edited.revision));
      return presentEntry(edited.entry);
    },
  );

  app.get(
    "/cases/:id/history",
    {
      config: { action: "case.history" },
      schema: {
        tags,
        operationId: "getCaseHistory",
        summary: "A case's audit records: who changed which field, from what to what",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: json("A page of audit records", pageOf(AuditRecord)), ...errors },
      },
    },
    async (request) => {
      const page = await caseHistory(
        ctx,
        actorOf(request),
        parseId(request.params.id, "case"),
        pageFrom(request.query),
      );
      return pageBody(page, presentAudit);
    },
  );
}
