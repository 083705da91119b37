/** Talkdesk case reads: the HAL list page, one case, and a contact's newest case. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Failure } from "../../../domain/errors.ts";
import { fieldsOf } from "../../../ops/admin/fields.ts";
import { findCasePage, getCaseView, newestCaseOf } from "../../../ops/cases/case-views.ts";
import type { OpContext } from "../../../ops/context.ts";
import { actorOf } from "../../dialect.ts";
import { parseId, parseRef } from "../../ids.ts";
import { publicBase } from "../../pages/paths.ts";
import { readListQuery, type ListQuery as WireListQuery } from "../list-query.ts";
import { presentCase } from "../present.ts";
import { Case, CasePage, ContactQuery, ERRORS, IdParams, ListQuery } from "../schemas.ts";

const tags = ["Cases"];

/** The same list with another page: every other parameter kept as the client sent it. */
function pageLink(base: string, request: FastifyRequest, page: number, perPage: number) {
  const query = new URLSearchParams(request.url.split("?")[1] ?? "");
  query.set("page", String(page));
  query.set("per_page", String(perPage));
  return { href: `${base}/cm/core/va/cases?${query.toString()}` };
}

const validation = (field: string, message: string) =>
  new Failure({
    code: "validation_failed",
    message: `${field}: ${message}`,
    fields: [{ path: [field], in: "querystring", message }],
  });

const CATEGORY = { all: null, unresolved: "unresolved", resolved: "resolved" } as const;

export async function caseReadRoutes(
  instance: FastifyInstance,
  { ctx, publicUrl }: { ctx: OpContext; publicUrl: string | undefined },
) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/core/va/cases",
    {
      config: { action: "case.read" },
      schema: {
        tags,
        operationId: "GettingAListOfCases",
        summary: "List cases: a HAL page with filters",
        querystring: ListQuery,
        response: { 200: CasePage, ...ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const definitions = await fieldsOf(ctx, actor, "case");
      const { filter, sort, page, perPage } = readListQuery(request.query as WireListQuery, definitions);
      const found = await findCasePage(ctx, actor, {
        filter,
        sort,
        offset: (page - 1) * perPage,
        limit: perPage,
      });
      const base = publicBase(publicUrl, request);
      return {
        total: found.total.count,
        count: found.views.length,
        page,
        per_page: perPage,
        _links: {
          self: pageLink(base, request, page, perPage),
          ...(page > 1 ? { prev: pageLink(base, request, page - 1, perPage) } : {}),
          ...(found.more ? { next: pageLink(base, request, page + 1, perPage) } : {}),
        },
        _embedded: { data: found.views.map((view) => presentCase(view, definitions)) },
      };
    },
  );

  app.get(
    "/core/va/cases/info",
    {
      config: { action: "case.read" },
      schema: {
        tags,
        operationId: "GettingNewestCaseDetailsByContact",
        summary: "The newest case of a contact",
        querystring: ContactQuery,
        response: { 200: Case, ...ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const q = request.query;
      const category = CATEGORY[(q.status ?? "all").toLowerCase() as keyof typeof CATEGORY];
      if (category === undefined) throw validation("status", "must be ALL, UNRESOLVED or RESOLVED");
      // An id that is no number of ours (a Talkdesk contact id) names nothing: the other criteria decide.
      const id = parseRef(q.id);
      if (!id && !q.email && !q.phone && !q.name)
        throw validation("id", "give the contact's id, email, phone or name");
      const view = await newestCaseOf(
        ctx,
        actor,
        {
          ...(id ? { id } : {}),
          ...(q.email ? { email: q.email } : {}),
          ...(q.phone ? { phone: q.phone } : {}),
          ...(q.name ? { name: q.name } : {}),
        },
        category,
      );
      return presentCase(view, await fieldsOf(ctx, actor, "case"));
    },
  );

  app.get(
    "/core/va/cases/:id",
    {
      config: { action: "case.read" },
      schema: {
        tags,
        operationId: "GettingCaseDetails",
        summary: "One case, with its notes",
        params: IdParams,
        response: { 200: Case, ...ERRORS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const view = await getCaseView(ctx, actor, parseId(request.params.id, "case"));
      return presentCase(view, await fieldsOf(ctx, actor, "case"));
    },
  );
}
