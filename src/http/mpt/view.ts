/** What presenting MPT objects needs besides the records: who asks, and the records they name. */
import type { Actor } from "../../domain/access.ts";
import type { Case } from "../../domain/cases/case.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import { type CaseDetails, detailsOf } from "../../ops/cases/query-cases.ts";
import type { OpContext } from "../../ops/context.ts";

export interface MptView {
  actor: Actor;
  details: CaseDetails;
}

export async function viewOf(
  ctx: OpContext,
  actor: Actor,
  cases: readonly Case[],
  entries: readonly TimelineEntry[] = [],
): Promise<MptView> {
  return { actor, details: await detailsOf(ctx, actor, cases, entries) };
}
