/** MPT form routes: list (RQL), create, read, update, delete, publish, unpublish. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../domain/access.ts";
import type { Form, FormParameter } from "../../../domain/forms/form.ts";
import { definedOnly } from "../../../domain/partial.ts";
import {
  createForm,
  findForms,
  formDetailsOf,
  getForm,
  moveForm,
  removeForm,
  updateForm,
} from "../../../ops/admin/forms.ts";
import type { OpContext } from "../../../ops/context.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { FormCreate, FormObject, FormPut } from "../form-schemas.ts";
import { parseMptId, refOf } from "../ids.ts";
import { listQuery, page } from "../list.ts";
import { presentForm } from "../present-form.ts";
import { IdParams, ListOf } from "../schemas.ts";
import { FORM_VOCABULARY } from "../vocabulary.ts";
import { write } from "../write.ts";

async function presented(ctx: OpContext, actor: Actor, forms: Form[]) {
  const details = await formDetailsOf(ctx, actor, forms);
  return forms.map((form) => presentForm(details, form));
}

interface FormBody {
  name?: string;
  description?: string;
  parameters?: { id: string; displayOrder?: number }[];
}

/** A parameter without a place goes where it is listed. A malformed id names no parameter, as an unknown one. */
const toParameters = (parameters: NonNullable<FormBody["parameters"]>): FormParameter[] =>
  parameters.map((p, index) => ({
    fieldId: refOf("parameter", { id: p.id }) as number,
    displayOrder: p.displayOrder ?? index,
  }));

const toFormFields = (body: FormBody) =>
  definedOnly({
    name: body.name,
    description: body.description,
    parameters: body.parameters && toParameters(body.parameters),
  });

const formId = (id: string) => parseMptId("form", id);

export async function mptFormRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/helpdesk/forms",
    { config: { action: "form.read" }, schema: { response: { 200: ListOf(FormObject) } } },
    async (request) => {
      const actor = actorOf(request);
      const query = listQuery(request, FORM_VOCABULARY, [{ field: "name", direction: "asc" }]);
      const { forms, total } = await findForms(ctx, actor, query);
      return page(query, total, await presented(ctx, actor, forms));
    },
  );

  app.post(
    "/helpdesk/forms",
    { config: { action: "form.manage" }, schema: { body: FormCreate, response: { 201: FormObject } } },
    async (request, reply) => {
      const actor = actorOf(request);
      return write(ctx, request, reply, 201, async (scoped) => {
        const created = await createForm(scoped, actor, {
          ...toFormFields(request.body),
          name: request.body.name,
        });
        return (await presented(scoped, actor, [created]))[0];
      });
    },
  );

  app.get(
    "/helpdesk/forms/:id",
    { config: { action: "form.read" }, schema: { params: IdParams, response: { 200: FormObject } } },
    async (request) => {
      const actor = actorOf(request);
      const form = await getForm(ctx, actor, formId(request.params.id));
      return (await presented(ctx, actor, [form]))[0];
    },
  );

  app.put(
    "/helpdesk/forms/:id",
    {
      config: { action: "form.manage" },
      schema: { params: IdParams, body: FormPut, response: { 200: FormObject } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return write(ctx, request, reply, 200, async (scoped) => {
        const updated = await updateForm(
          scoped,
          actor,
          formId(request.params.id),
          toFormFields(request.body),
        );
        return (await presented(scoped, actor, [updated]))[0];
      });
    },
  );

  app.delete(
    "/helpdesk/forms/:id",
    { config: { action: "form.manage" }, schema: { params: IdParams } },
    async (request, reply) => {
      await removeForm(ctx, actorOf(request), formId(request.params.id));
      return reply.code(204).send();
    },
  );

  for (const action of ["publish", "unpublish"] as const)
    app.post(
      `/helpdesk/forms/:id/${action}`,
      { config: { action: "form.manage" }, schema: { params: IdParams, response: { 200: FormObject } } },
      async (request, reply) => {
        const actor = actorOf(request);
        return write(ctx, request, reply, 200, async (scoped) => {
          const moved = await moveForm(scoped, actor, formId(request.params.id), action);
          return (await presented(scoped, actor, [moved]))[0];
        });
      },
    );
}
