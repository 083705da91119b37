/**
 * The named case actions some dialects speak (MPT's query, process and complete), as changes of the one
 * lifecycle: they never bypass it, they only choose the status move and its companions.
 */
import { fail, ok, type Result } from "../errors.ts";
import type { Case, CaseChanges } from "./case.ts";
import { statusCategory } from "./status.ts";

export const CASE_ACTIONS = ["query", "process", "complete"] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface ActionInput {
  /** What is asked of the other side when the case is queried. */
  queryPrompt?: string | null;
}

export interface ActionContext {
  /** The assignee the case had most recently (a reopened case goes back to them when it has none). */
  lastAssigneeId: number | null;
}

const refuse = (current: Case, action: CaseAction, what: string) =>
  fail(
    current.status === "closed" ? "case_closed" : "invalid_transition",
    current.status === "closed"
      ? "The case is closed and accepts no change."
      : `Cannot ${action} a case that is ${what}.`,
  );

/** Which part of the lifecycle a case is in, in the words the actions use. */
export type Phase = "processing" | "querying" | "completed";

export function phaseOf(c: Pick<Case, "status">): Phase {
  if (statusCategory(c.status) !== "unresolved") return "completed";
  return c.status === "pending" ? "querying" : "processing";
}

/**
 * query: processing → querying (pending), recording the prompt. process: querying → processing, and
 * completed → processing (reopen, back to the last assignee). complete: processing or querying → resolved.
 */
export function decideAction(
  current: Case,
  action: CaseAction,
  input: ActionInput,
  context: ActionContext,
): Result<CaseChanges> {
  const phase = phaseOf(current);
  if (action === "query") {
    if (phase !== "processing") return refuse(current, action, phase);
    return ok({
      status: "pending",
      ...(input.queryPrompt !== undefined ? { queryPrompt: input.queryPrompt } : {}),
    });
  }
  if (action === "complete") {
    if (phase === "completed") return refuse(current, action, phase);
    return ok({ status: "resolved" });
  }
  if (phase === "processing" || current.status === "closed") return refuse(current, action, phase);
  const assigneeId = current.assigneeId ?? context.lastAssigneeId;
  return ok(assigneeId === null ? { status: "new" } : { status: "open", assigneeId });
}
