/** Running a keyed request at most once: the key's claim, the work and its stored response share one transaction. */
import { Failure } from "../domain/errors.ts";
import type { StoredResponse } from "../domain/idempotency.ts";
import { claimKey, storeResponse } from "../store/idempotency.ts";
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
export async function runOnce(
  ctx: OpContext,
  workspaceId: number,
  { key, requestHash }: IdempotencyKey,
  work: (scoped: OpContext) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const claim = await claimKey(tx, workspaceId, key, requestHash, ctx.now());
    if (!claim.claimed) {
      if (claim.requestHash !== requestHash || !claim.response)
        throw new Failure({
          code: "idempotency_key_reused",
          message: "This Idempotency-Key was used with a different request.",
        });
      return { ...claim.response, replayed: true };
    }
    const result = await work({ ...ctx, db: tx });
    await storeResponse(tx, workspaceId, key, result);
    return { ...result, replayed: false };
  });
}
