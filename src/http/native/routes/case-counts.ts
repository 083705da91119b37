/** How many cases the caller may see in each status, under the list's filters (for the console's tabs). */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { countCasesPerStatus } from "../../../ops/cases/read-cases.ts";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { toCaseList } from "../case-input.ts";
import { CaseCounts, CaseListQuery } from "../schemas/cases.ts";
import { errors, json } from "../schemas/common.ts";

const {
  cursor: _cursor,
  sort: _sort,
  limit: _limit,
  status: _status,
  q: _q,
  ...countFilters
} = CaseListQuery.properties;
const CaseCountQuery = Type.Object(countFilters, { additionalProperties: false });

export async function caseCountRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/cases/counts",
    {
      config: { action: "case.read" },
      schema: {
        tags: ["Cases"],
        operationId: "countCases",
        summary: "Count cases per status",
        description: "Takes the list's filters except status and q; counts only what the caller may see.",
        querystring: CaseCountQuery,
        response: { 200: json("How many matching cases each status holds", CaseCounts), ...errors },
      },
    },
    async (request) => countCasesPerStatus(ctx, actorOf(request), toCaseList(request.query).filter),
  );
}
