/** Case list conditions on text and on the people a case names (its assignee and requester). */
import type { CaseFilter } from "../domain/cases/list-query.ts";
import type { Params } from "./rows.ts";

/** A substring pattern for ILIKE, with the pattern characters of `text` escaped. */
export const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Conditions on the assignee (a user) and requester (a contact), as existence checks on their tables. */
export function personClauses(filter: Pick<CaseFilter, "assignee" | "requester">, params: Params): string[] {
  const where: string[] = [];
  const person = (table: string, column: string, match: Record<string, string | undefined>) => {
    const conditions = Object.entries(match)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) =>
        field === "name"
          ? `p.name ilike ${params.add(like(value!))}`
          : `lower(p.${field}) = lower(${params.add(value)})`,
      );
    if (conditions.length)
      where.push(
        `exists (select 1 from ${table} p where p.workspace_id = cases.workspace_id and p.id = cases.${column}
         and ${conditions.join(" and ")})`,
      );
  };
  if (filter.assignee) person("users", "assignee_id", filter.assignee);
  if (filter.requester) person("contacts", "requester_id", filter.requester);
  return where;
}
