/** A post to a closed case: the case stays closed and a follow-up case, linked to it, carries the post. */
import type { Actor } from "../../domain/access.ts";
import { Failure } from "../../domain/errors.ts";
import type { OpContext } from "../context.ts";
import type { CaseWithEntries } from "./create-case.ts";
import { createCaseOnce } from "./create-case.ts";
import { getCase } from "./read-cases.ts";
import { type UpdateCaseInput, updateCase } from "./update-case.ts";

export interface FollowedUp extends CaseWithEntries {
  /** The closed case the change was sent to, when a follow-up was made instead. */
  followUpOf: number | null;
}

/**
 * Updates the case; if it is closed and the change carries timeline entries (a customer wrote again), a new
 * case is made instead, as a helpdesk makes a follow-up: a subcase of the closed one (`parentId`) with its
 * requester, account, queue and title, holding the entries and the rest of the change. A closed case never
 * reopens, so nothing races between the refusal and the create; a resend finds the follow-up it made (its
 * entries' origins), so it never makes two.
 */
export async function updateOrFollowUp(
  ctx: OpContext,
  actor: Actor,
  number: number,
  input: UpdateCaseInput,
): Promise<FollowedUp> {
  try {
    return { ...(await updateCase(ctx, actor, number, input)), followUpOf: null };
  } catch (error) {
    if (!(error instanceof Failure && error.code === "case_closed" && input.timeline?.length)) throw error;
  }
  const closed = await getCase(ctx, actor, number);
  const { changes } = input;
  const made = await createCaseOnce(ctx, actor, {
    ...changes,
    title: changes.title ?? closed.title,
    requesterId: changes.requesterId ?? closed.requesterId,
    accountId: closed.accountId,
    queueId: closed.queueId,
    parentNumber: closed.number,
    ...(input.category === "resolved" ? { status: "resolved" as const } : {}),
    timeline: input.timeline,
  });
  return { case: made.case, entries: made.entries, followUpOf: closed.number };
}
