/**
 * Shared reads of single cases: the reads of one workspace asked for in one turn of the event loop become one
 * `number = any(…)` query. Nothing is cached: each read's query starts after the read was asked for, so it
 * sees every write acknowledged before it, whichever process made it.
 */
import type { Case } from "../../domain/cases/case.ts";
import { findCasesByNumbers } from "../../store/cases.ts";
import type { Sql } from "../../store/db.ts";

export interface CaseReads {
  /** The case, or null when the workspace has no case of that number. */
  find(workspaceId: number, number: number): Promise<Case | null>;
}

interface Asked {
  resolve: (found: Case | null) => void;
  reject: (error: unknown) => void;
}

export function caseReads(db: Sql): CaseReads {
  const pending = new Map<number, Map<number, Asked[]>>();

  const run = async (workspaceId: number, asked: Map<number, Asked[]>) => {
    try {
      const found = new Map(
        (await findCasesByNumbers(db, workspaceId, [...asked.keys()])).map((c) => [c.number, c]),
      );
      for (const [number, waiting] of asked)
        for (const one of waiting) one.resolve(found.get(number) ?? null);
    } catch (error) {
      for (const waiting of asked.values()) for (const one of waiting) one.reject(error);
    }
  };

  return {
    find(workspaceId, number) {
      return new Promise((resolve, reject) => {
        let asked = pending.get(workspaceId);
        if (!asked) {
          const started = new Map<number, Asked[]>();
          asked = started;
          pending.set(workspaceId, started);
          setImmediate(() => {
            pending.delete(workspaceId);
            void run(workspaceId, started);
          });
        }
        asked.set(number, [...(asked.get(number) ?? []), { resolve, reject }]);
      });
    },
  };
}
