/** Creating a case from interactions, where a resend of the same create returns the case it made the first time. */
import type { Actor } from "../../domain/access.ts";
import { isRetriedCreate } from "../../domain/cases/retry.ts";
import { redactCase } from "../../domain/cases/visibility.ts";
import { findCase } from "../../store/cases.ts";
import { listDefinitions } from "../../store/fields.ts";
import { casesHoldingOrigins, lockOrigin, type OriginKey } from "../../store/timeline.ts";
import type { OpContext } from "../context.ts";
import { type CaseWithEntries, type CreateCaseInput, createCase } from "./create-case.ts";
import { isVisibleTo } from "./load.ts";

function originsOf(input: CreateCaseInput): OriginKey[] {
  const seen = new Map<string, OriginKey>();
  for (const entry of input.timeline ?? [])
    if (entry.origin?.serviceId)
      seen.set(JSON.stringify([entry.origin.service, entry.origin.serviceId]), {
        service: entry.origin.service,
        serviceId: entry.origin.serviceId,
      });
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, origin]) => origin);
}

/**
 * Creates the case unless an earlier create of the same interactions, requester and title already made one the
 * actor can see; then that case is returned (`existed`) and nothing changes. Concurrent resends wait for each other.
 */
export async function createCaseOnce(
  ctx: OpContext,
  actor: Actor,
  input: CreateCaseInput,
): Promise<CaseWithEntries & { existed: boolean }> {
  const origins = originsOf(input);
  if (origins.length === 0) return { ...(await createCase(ctx, actor, input)), existed: false };
  return ctx.db.transaction(async (tx) => {
    await lockOrigin(tx, actor.workspaceId, origins[0]!);
    for (const number of await casesHoldingOrigins(tx, actor.workspaceId, origins)) {
      const existing = await findCase(tx, actor.workspaceId, number);
      if (!existing || !isVisibleTo(actor, existing) || !isRetriedCreate(existing, input)) continue;
      const definitions = await listDefinitions(tx, actor.workspaceId, "case");
      return { case: redactCase(existing, actor, definitions), entries: [], existed: true };
    }
    return { ...(await createCase({ ...ctx, db: tx }, actor, input)), existed: false };
  });
}
