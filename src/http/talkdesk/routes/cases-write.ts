/** Talkdesk case writes: create, update (notes appended), delete to the trash and delete for good. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { fieldsOf } from "../../../ops/admin/fields.ts";
import { getCaseView } from "../../../ops/cases/case-views.ts";
import { createAndAnswer } from "../../../ops/cases/create-case.ts";
import { purgeCases, trashCases } from "../../../ops/cases/trash-case.ts";
import { updateCase } from "../../../ops/cases/update-case.ts";
import type { OpContext } from "../../../ops/context.ts";
import { actorOf } from "../../dialect.ts";
import { idempotentCreate, send } from "../../idempotency.ts";
import { parseId } from "../../ids.ts";
import { createInput, updateInput } from "../case-input.ts";
import { listItems } from "../list-query.ts";
import { presentCase } from "../present.ts";
import { Case, CaseCreate, CasePatch, ERRORS, IdParams, Ids, IdsQuery } from "../schemas.ts";

const tags = ["Cases"];
export async function caseWriteRoutes(instance: FastifyInstance, { ctx }: { ctx: OpContext }) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/core/va/cases",
    {
      config: { action: "case.create" },
      schema: {
        tags,
        operationId: "CreatingACase",
        summary: "Create a case (custom fields flat, notes as its first entries)",
        body: CaseCreate,
        response: { 201: Case, ...ERRORS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await idempotentCreate(ctx, request, actor.workspaceId, async (scoped) => {
        const definitions = await fieldsOf(scoped, actor, "case");
        const input = createInput(request.body, definitions);
        const { answer } = await createAndAnswer(
          scoped,
          actor,
          { ...input, requireResolution: true },
          {
            answer: async (inCreate, created) => ({
              statusCode: 201,
              headers: {},
              body: presentCase(await getCaseView(inCreate, actor, created.case.number), definitions),
            }),
          },
        );
        return answer;
      });
      return send(reply, result);
    },
  );

  app.patch(
    "/core/va/cases/:id",
    {
      config: { action: "case.update" },
      schema: {
        tags,
        operationId: "UpdatingACase",
        summary: "Update a case (custom fields wrapped, notes appended)",
        params: IdParams,
        body: CasePatch,
        response: { 200: Case, ...ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const number = parseId(request.params.id, "case");
      const definitions = await fieldsOf(ctx, actor, "case");
      const { changes, timeline } = updateInput(request.body, definitions);
      await updateCase(ctx, actor, number, { changes, timeline, requireResolution: true });
      return presentCase(await getCaseView(ctx, actor, number), definitions);
    },
  );

  const numbersOf = (ids: string[]) => listItems(ids).map((id) => parseId(id, "case"));

  app.delete(
    "/core/va/cases",
    {
      config: { action: "case.trash" },
      schema: {
        tags,
        operationId: "DeletingCasesSoftly",
        summary: "Move cases, with their subcases, to the trash",
        querystring: IdsQuery,
        response: { 200: Ids, ...ERRORS },
      },
    },
    async (request) => ({ ids: await trashCases(ctx, actorOf(request), numbersOf(request.query.ids)) }),
  );

  app.delete(
    "/core/va/cases/deleted-cases",
    {
      config: { action: "case.trash" },
      schema: {
        tags,
        operationId: "DeletingCasesPermanently",
        summary: "Delete trashed cases, with their subcases, for good",
        querystring: IdsQuery,
        response: { 200: Ids, ...ERRORS },
      },
    },
    async (request) => ({ ids: await purgeCases(ctx, actorOf(request), numbersOf(request.query.ids)) }),
  );
}
