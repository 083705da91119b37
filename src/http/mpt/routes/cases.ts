/** MPT case routes: list (RQL), create, read, update, and the query / process / complete actions. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../domain/access.ts";
import { CASE_ACTIONS } from "../../../domain/cases/actions.ts";
import type { Case } from "../../../domain/cases/case.ts";
import { fieldsOf } from "../../../ops/admin/fields.ts";
import { runCaseAction } from "../../../ops/cases/case-action.ts";
import { createAndAnswer } from "../../../ops/cases/create-case.ts";
import { queryVisibleCases } from "../../../ops/cases/query-cases.ts";
import { getCase } from "../../../ops/cases/read-cases.ts";
import { updateCase } from "../../../ops/cases/update-case.ts";
import type { OpContext } from "../../../ops/context.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { idempotentCreate, send } from "../../idempotency.ts";
import { titleOf, toCaseChanges, toMessage } from "../case-input.ts";
import {
  caseParameters,
  inParameters,
  type ParameterValueIn,
  readCaseParameters,
} from "../case-parameters.ts";
import { parseMptId } from "../ids.ts";
import { listQuery, page } from "../list.ts";
import { presentCase } from "../present.ts";
import { ActionBody, CaseCreate, CaseObject, CasePut, IdParams, ListOf } from "../schemas.ts";
import { viewOf } from "../view.ts";
import { CASE_VOCABULARY } from "../vocabulary.ts";
import { write } from "../write.ts";

/** The Case parameter definitions the actor may see: what a case's `parameters` show and take. */
const parametersOf = async (ctx: OpContext, actor: Actor) =>
  caseParameters(await fieldsOf(ctx, actor, "case"));

async function presented(ctx: OpContext, actor: Actor, c: Case) {
  const [view, parameters] = await Promise.all([viewOf(ctx, actor, [c]), parametersOf(ctx, actor)]);
  return presentCase(view, c, parameters);
}

/**
 * Runs a case write with the body's `parameters` as custom field changes; the domain's verdict on their
 * values names the parameters as sent.
 */
async function withParameters<T>(
  ctx: OpContext,
  actor: Actor,
  sent: readonly ParameterValueIn[] | undefined,
  work: (customFields: Record<string, unknown> | undefined) => Promise<T>,
): Promise<T> {
  if (sent === undefined) return work(undefined);
  const read = readCaseParameters(await parametersOf(ctx, actor), sent);
  try {
    return await work(read.customFields);
  } catch (error) {
    throw inParameters(error, read);
  }
}

export async function mptCaseRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/helpdesk/cases",
    { config: { action: "case.read" }, schema: { response: { 200: ListOf(CaseObject) } } },
    async (request) => {
      const actor = actorOf(request);
      const query = listQuery(request, CASE_VOCABULARY, [{ field: "createdAt", direction: "desc" }]);
      const { cases, total } = await queryVisibleCases(ctx, actor, query);
      const [view, parameters] = await Promise.all([viewOf(ctx, actor, cases), parametersOf(ctx, actor)]);
      return page(
        query,
        total,
        cases.map((c) => presentCase(view, c, parameters)),
      );
    },
  );

  app.post(
    "/helpdesk/cases",
    { config: { action: "case.create" }, schema: { body: CaseCreate, response: { 201: CaseObject } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { chat } = request.body;
      const content = chat?.lastMessage?.content;
      // Created with its batch; what it answers is read before the batch commits, as every MPT write is.
      const result = await idempotentCreate(ctx, request, actor.workspaceId, (scoped) =>
        withParameters(scoped, actor, request.body.parameters, async (customFields) => {
          const input = {
            ...toCaseChanges(request.body),
            ...(customFields ? { customFields } : {}),
            title: titleOf(chat?.name, content),
            ...(chat?.description !== undefined ? { description: chat.description } : {}),
            timeline: content !== undefined ? [toMessage(content)] : [],
          };
          const { answer } = await createAndAnswer(scoped, actor, input, {
            answer: async (inCreate, made) => ({
              statusCode: 201,
              headers: {},
              body: await presented(inCreate, actor, made.case),
            }),
          });
          return answer;
        }),
      );
      return send(reply, result);
    },
  );

  app.get(
    "/helpdesk/cases/:id",
    { config: { action: "case.read" }, schema: { params: IdParams, response: { 200: CaseObject } } },
    async (request) => {
      const actor = actorOf(request);
      return presented(ctx, actor, await getCase(ctx, actor, parseMptId("case", request.params.id)));
    },
  );

  app.put(
    "/helpdesk/cases/:id",
    {
      config: { action: "case.update" },
      schema: { params: IdParams, body: CasePut, response: { 200: CaseObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { revision } = request.body;
      return write(ctx, request, reply, 200, async (scoped) => {
        const number = parseMptId("case", request.params.id);
        const updated = await withParameters(scoped, actor, request.body.parameters, (customFields) =>
          updateCase(scoped, actor, number, {
            changes: { ...toCaseChanges(request.body), ...(customFields ? { customFields } : {}) },
            ...(revision !== undefined ? { expectedRevision: revision } : {}),
          }),
        );
        return presented(scoped, actor, updated.case);
      });
    },
  );

  for (const action of CASE_ACTIONS)
    app.post(
      `/helpdesk/cases/:id/${action}`,
      {
        config: { action: "case.update" },
        schema: { params: IdParams, body: ActionBody, response: { 200: CaseObject } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const body = request.body ?? {};
        return write(ctx, request, reply, 200, async (scoped) => {
          const updated = await runCaseAction(scoped, actor, parseMptId("case", request.params.id), action, {
            ...(action === "query" && body.queryPrompt !== undefined
              ? { queryPrompt: body.queryPrompt }
              : {}),
            ...(body.revision !== undefined ? { expectedRevision: body.revision } : {}),
          });
          return presented(scoped, actor, updated.case);
        });
      },
    );
}
