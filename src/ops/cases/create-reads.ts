/**
 * Shared reads of what creates are decided by: the creates of one workspace that ask in one turn of the event
 * loop, referring to records within the same visibility, read their rules, references and entry ids in one
 * query (see `turn-reads.ts`). Nothing is cached. A create inside a transaction reads alone
 * (`loadCaseRules`), where its checks hold what they find until it commits.
 */
import type { CaseWriteContext } from "../../store/case-context.ts";
import { type CreateContextQuery, loadCreateContexts } from "../../store/create-contexts.ts";
import type { Sql } from "../../store/db.ts";
import type { ReferableRecords } from "../../store/references.ts";
import { readByTurn } from "../turn-reads.ts";

export type CreateContext = CaseWriteContext & { entryIds: number[] };

export interface CreateReads {
  /** What the create reads, or null when the workspace does not exist. */
  context(
    workspaceId: number,
    referable: ReferableRecords,
    query: CreateContextQuery,
  ): Promise<CreateContext | null>;
}

export function createReads(db: Sql): CreateReads {
  const read = readByTurn(
    (group: { workspaceId: number; referable: ReferableRecords }) =>
      `${group.workspaceId} ${JSON.stringify(group.referable)}`,
    async ({ workspaceId, referable }, queries: CreateContextQuery[]): Promise<(CreateContext | null)[]> =>
      (await loadCreateContexts(db, workspaceId, referable, queries)) ?? queries.map(() => null),
  );
  return { context: (workspaceId, referable, query) => read({ workspaceId, referable }, query) };
}
