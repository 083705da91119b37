/**
 * Shared reads of single cases: the reads of one workspace asked for in one turn of the event loop become one
 * `number = any(…)` query (see `turn-reads.ts`). Nothing is cached: each read's query starts after the read was
 * asked for, so it sees every write acknowledged before it, whichever process made it.
 */
import type { Case } from "../../domain/cases/case.ts";
import { findCasesByNumbers } from "../../store/cases.ts";
import type { Sql } from "../../store/db.ts";
import { readByTurn } from "../turn-reads.ts";

export interface CaseReads {
  /** The case, or null when the workspace has no case of that number. */
  find(workspaceId: number, number: number): Promise<Case | null>;
}

export function caseReads(db: Sql): CaseReads {
  const find = readByTurn(String, async (workspaceId: number, numbers: number[]) => {
    const found = new Map(
      (await findCasesByNumbers(db, workspaceId, [...new Set(numbers)])).map((c) => [c.number, c]),
    );
    return numbers.map((number) => found.get(number) ?? null);
  });
  return { find };
}
