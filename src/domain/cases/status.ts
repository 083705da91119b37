/** The canonical case lifecycle: statuses, their categories, and which changes a person may make. */
import { fail, ok, type Result } from "../errors.ts";

export const STATUSES = ["new", "open", "pending", "on_hold", "resolved", "closed"] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_CATEGORIES = ["unresolved", "resolved", "closed"] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

export function statusCategory(status: Status): StatusCategory {
  if (status === "closed") return "closed";
  if (status === "resolved") return "resolved";
  return "unresolved";
}

export interface TransitionContext {
  /** Whether the case has an assignee after the change. */
  assigned: boolean;
}

/**
 * Decides whether a person may move a case from `from` to `to`.
 * Closed is final and system-only; `new` means "not yet picked up", so an assigned case cannot be new.
 */
export function checkTransition(from: Status, to: Status, context: TransitionContext): Result<Status> {
  if (from === "closed") return fail("case_closed", "The case is closed and accepts no change.");
  if (to === "closed")
    return fail(
      "invalid_transition",
      "Cases are closed by the system after they are resolved, not by hand.",
      [{ path: ["status"], message: "closed cannot be set; resolve the case instead" }],
    );
  if (to === "new" && context.assigned)
    return fail("invalid_transition", "An assigned case cannot go back to new; unassign it first.", [
      { path: ["status"], message: "new requires the case to be unassigned" },
    ]);
  return ok(to);
}

/**
 * The status that puts a case in `category` with the least change, for callers that speak only of open and
 * resolved (undefined: it is there already). Reopening a resolved case makes it `open`.
 */
export function statusInCategory(current: Status, category: "unresolved" | "resolved"): Status | undefined {
  if (statusCategory(current) === "unresolved") return category === "unresolved" ? undefined : "resolved";
  if (category === "unresolved") return "open";
  return current === "closed" ? "resolved" : undefined;
}
