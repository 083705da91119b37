/**
 * Shared reads of what creates are decided by: the creates of one workspace that ask in one turn of the event
 * loop, referring to records within the same visibility, read their rules, references and entry ids in one
 * query. Nothing is cached: each read's query starts after it was asked for. A create inside a transaction
 * reads alone (`loadCaseRules`), where its checks hold what they find until it commits.
 */

import type { CaseWriteContext } from "../../store/case-context.ts";
import { type CreateContextQuery, loadCreateContexts } from "../../store/create-contexts.ts";
import type { Sql } from "../../store/db.ts";
import type { ReferableRecords } from "../../store/references.ts";

export type CreateContext = CaseWriteContext & { entryIds: number[] };

export interface CreateReads {
  /** What the create reads, or null when the workspace does not exist. */
  context(
    workspaceId: number,
    referable: ReferableRecords,
    query: CreateContextQuery,
  ): Promise<CreateContext | null>;
}

interface Asked {
  query: CreateContextQuery;
  resolve: (context: CreateContext | null) => void;
  reject: (error: unknown) => void;
}

export function createReads(db: Sql): CreateReads {
  const pending = new Map<string, Asked[]>();

  const run = async (workspaceId: number, referable: ReferableRecords, asked: Asked[]) => {
    try {
      const contexts = await loadCreateContexts(
        db,
        workspaceId,
        referable,
        asked.map((one) => one.query),
      );
      for (const [i, one] of asked.entries()) one.resolve(contexts?.[i] ?? null);
    } catch (error) {
      if (asked.length === 1) return asked[0]!.reject(error);
      // One create's value the database refuses (an id out of its range) fails that create alone.
      await Promise.all(asked.map((one) => run(workspaceId, referable, [one])));
    }
  };

  return {
    context(workspaceId, referable, query) {
      return new Promise((resolve, reject) => {
        const group = `${workspaceId} ${JSON.stringify(referable)}`;
        let asked = pending.get(group);
        if (!asked) {
          const started: Asked[] = [];
          asked = started;
          pending.set(group, started);
          setImmediate(() => {
            pending.delete(group);
            void run(workspaceId, referable, started);
          });
        }
        asked.push({ query, resolve, reject });
      });
    },
  };
}
