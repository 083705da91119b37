/** Running a keyed request at most once: the key's claim, the work and its stored response share one transaction. */
import { Failure } from "../domain/errors.ts";
import type { StoredResponse } from "../domain/idempotency.ts";
import { claimKey, findClaim, storeResponses } from "../store/idempotency.ts";
import type { OpContext } from "./context.ts";

export interface IdempotencyKey {
  key: string;
  /** A digest of the request, so the same key sent with another request is refused rather than replayed. */
  requestHash: string;
}

/**
 * Runs `work` in the transaction that claims the key and stores its response, so a retry either waits for
 * the first attempt and replays it, or (if the first rolled back) runs afresh.
 */
const keyReused = () =>
  new Failure({
    code: "idempotency_key_reused",
    message: "This Idempotency-Key was used with a different request.",
  });

/** A create found its Idempotency-Key claimed by another request, which has committed since. */
export class KeyTaken extends Error {}

/**
 * Runs a keyed create at most once. The create claims the key, and stores its answer as the key's response,
 * in the transaction of its batch (see `createAndAnswer`), so keyed creates are batched like any other. A retry
 * finds the claim first and replays its response without deciding anything again; concurrent retries each try
 * to claim, one wins and the others, once it has committed, replay it.
 */
export async function runCreateOnce(
  ctx: OpContext,
  workspaceId: number,
  key: IdempotencyKey,
  work: (scoped: OpContext) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  for (;;) {
    const claim = await findClaim(ctx.db, workspaceId, key.key);
    if (claim) {
      if (claim.requestHash !== key.requestHash || !claim.response) throw keyReused();
      return { ...claim.response, replayed: true };
    }
    try {
      return { ...(await work({ ...ctx, idempotencyKey: key })), replayed: false };
    } catch (error) {
      if (!(error instanceof KeyTaken)) throw error;
    }
  }
}

export async function runOnce(
  ctx: OpContext,
  workspaceId: number,
  { key, requestHash }: IdempotencyKey,
  work: (scoped: OpContext) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const claim = await claimKey(tx, workspaceId, key, requestHash, ctx.now());
    if (!claim.claimed) {
      if (claim.requestHash !== requestHash || !claim.response) throw keyReused();
      return { ...claim.response, replayed: true };
    }
    const result = await work({ ...ctx, db: tx });
    await storeResponses(tx, workspaceId, [{ key, response: result }]);
    return { ...result, replayed: false };
  });
}
