/** MPT chat answers: forms filled in inside a case's conversation, with their submit, query, accept and validate. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../domain/access.ts";
import type { Answer } from "../../../domain/forms/answer.ts";
import {
  addAnswer,
  answerDetails,
  changeAnswer,
  checkAnswer,
  getAnswer,
  listAnswers,
  moveAnswer,
  type ParameterValue,
  removeAnswer,
} from "../../../ops/chats/answers.ts";
import type { OpContext } from "../../../ops/context.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { AnswerCreate, AnswerObject, AnswerParams, AnswerPut, AnswerValidate } from "../form-schemas.ts";
import { parseMptId, refOf } from "../ids.ts";
import { listQuery, page } from "../list.ts";
import { presentAnswer } from "../present-form.ts";
import { IdParams, ListOf } from "../schemas.ts";
import { write } from "../write.ts";

async function presented(
  ctx: OpContext,
  actor: Actor,
  answers: Answer[],
  errors?: ReadonlyMap<string, string>,
) {
  const details = await answerDetails(ctx, actor, answers);
  return answers.map((answer) => presentAnswer(details, answer, errors));
}

type ValueBody = { parameter?: { id: string }; id?: string; value?: unknown }[];

/** Values by parameter id; a missing or malformed id names no parameter, and is reported as any unknown one. */
const toValues = (items: ValueBody): ParameterValue[] =>
  items.map((item) => {
    const ref = item.parameter ?? (item.id === undefined ? undefined : { id: item.id });
    return { fieldId: (refOf("parameter", ref) as number | undefined) ?? 0, value: item.value ?? null };
  });

const chatNumber = (id: string) => parseMptId("chat", id);
const answerNumber = (id: string) => parseMptId("answer", id);
const base = "/helpdesk/chats/:id/answers";

export async function mptAnswerRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    base,
    {
      config: { action: "case.read" },
      schema: { params: IdParams, response: { 200: ListOf(AnswerObject) } },
    },
    async (request) => {
      const actor = actorOf(request);
      const query = listQuery(request, {}, []);
      const found = await listAnswers(ctx, actor, chatNumber(request.params.id), query);
      return page(query, found.total, await presented(ctx, actor, found.answers));
    },
  );

  app.post(
    base,
    {
      config: { action: "case.update" },
      schema: { params: IdParams, body: AnswerCreate, response: { 201: AnswerObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { name, form } = request.body;
      return write(ctx, request, reply, 201, async (scoped) => {
        const added = await addAnswer(scoped, actor, chatNumber(request.params.id), {
          name,
          formId: refOf("form", form) as number,
        });
        return (await presented(scoped, actor, [added]))[0];
      });
    },
  );

  app.get(
    `${base}/:answerId`,
    { config: { action: "case.read" }, schema: { params: AnswerParams, response: { 200: AnswerObject } } },
    async (request) => {
      const actor = actorOf(request);
      const { id, answerId } = request.params;
      const found = await getAnswer(ctx, actor, chatNumber(id), answerNumber(answerId));
      return (await presented(ctx, actor, [found]))[0];
    },
  );

  app.put(
    `${base}/:answerId`,
    {
      config: { action: "case.update" },
      schema: { params: AnswerParams, body: AnswerPut, response: { 200: AnswerObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, answerId } = request.params;
      const { name, parameters } = request.body;
      return write(ctx, request, reply, 200, async (scoped) => {
        const changed = await changeAnswer(scoped, actor, chatNumber(id), answerNumber(answerId), {
          ...(name === undefined ? {} : { name }),
          ...(parameters ? { parameters: toValues(parameters) } : {}),
        });
        return (await presented(scoped, actor, [changed]))[0];
      });
    },
  );

  app.delete(
    `${base}/:answerId`,
    { config: { action: "case.update" }, schema: { params: AnswerParams } },
    async (request, reply) => {
      const { id, answerId } = request.params;
      await removeAnswer(ctx, actorOf(request), chatNumber(id), answerNumber(answerId));
      return reply.code(204).send();
    },
  );

  for (const action of ["submit", "query", "accept"] as const)
    app.post(
      `${base}/:answerId/${action}`,
      {
        config: { action: "case.update" },
        schema: { params: AnswerParams, response: { 200: AnswerObject } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { id, answerId } = request.params;
        return write(ctx, request, reply, 200, async (scoped) => {
          const moved = await moveAnswer(scoped, actor, chatNumber(id), answerNumber(answerId), action);
          return (await presented(scoped, actor, [moved]))[0];
        });
      },
    );

  // Validating stores nothing: the answer comes back as it would be, each parameter with its problem.
  app.post(
    `${base}/:answerId/validate`,
    {
      config: { action: "case.update" },
      schema: { params: AnswerParams, body: AnswerValidate, response: { 200: AnswerObject } },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id, answerId } = request.params;
      const checked = await checkAnswer(
        ctx,
        actor,
        chatNumber(id),
        answerNumber(answerId),
        toValues(request.body.parameters),
      );
      return (await presented(ctx, actor, [checked.answer], checked.errors))[0];
    },
  );
}
