/** The case fields a list may filter and sort on, and which of them an actor may not filter on. */
import type { Actor } from "../access.ts";
import { fail, ok, type Result } from "../errors.ts";
import { isOperations } from "../policy.ts";
import { type Condition, fieldsOf, type ListQuery } from "../query/condition.ts";

export const CASE_QUERY_FIELDS = [
  "number",
  "title",
  "description",
  "status",
  "priority",
  "type",
  "queueId",
  "assigneeId",
  "reporterId",
  "requesterId",
  "accountId",
  "awaiting",
  "queryPrompt",
  "createdAt",
  "updatedAt",
  "resolvedAt",
  "closedAt",
] as const;
export type CaseQueryField = (typeof CASE_QUERY_FIELDS)[number];

export type CaseQuery = ListQuery<CaseQueryField>;
export type CaseCondition = Condition<CaseQueryField>;

/** Fields client and vendor users never see, so they may not filter or sort on them either (it would reveal them). */
const HIDDEN_FROM_OUTSIDERS: readonly CaseQueryField[] = ["awaiting"];

export function checkCaseQuery(actor: Actor, query: CaseQuery): Result<true> {
  if (isOperations(actor)) return ok(true);
  const named = [...fieldsOf(query.where), ...query.order.map((o) => o.field)];
  const hidden = HIDDEN_FROM_OUTSIDERS.filter((field) => named.includes(field));
  return hidden.length
    ? fail(
        "validation_failed",
        `Unknown field: ${hidden.join(", ")}.`,
        hidden.map((field) => ({ path: [field], message: "is not a field you can filter or sort on" })),
      )
    : ok(true);
}
