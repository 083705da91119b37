/** Idempotency-Key handling for every POST of every dialect: the first response is stored and replayed. */
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { Failure } from "../domain/errors.ts";
import type { OpContext } from "../ops/context.ts";
import type { Sql } from "../store/db.ts";
import { claimKey, type StoredResponse, storeResponse } from "../store/idempotency.ts";

const MAX_KEY_LENGTH = 255;

export type HttpResult = StoredResponse;

function requestHash(request: FastifyRequest): string {
  return createHash("sha256")
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest("base64url");
}

/**
 * Runs `work` in one transaction with the key's claim and its stored response, so a retry either waits
 * for the first attempt and replays it, or (if the first rolled back) runs afresh. Without a key, it just runs.
 */
export async function idempotent(
  ctx: OpContext,
  request: FastifyRequest,
  workspaceId: number,
  work: (scoped: OpContext) => Promise<HttpResult>,
): Promise<HttpResult & { replayed: boolean }> {
  const key = request.headers["idempotency-key"];
  if (typeof key !== "string") return { ...(await work(ctx)), replayed: false };
  if (key.length === 0 || key.length > MAX_KEY_LENGTH)
    throw new Failure({
      code: "validation_failed",
      message: `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters.`,
      fields: [
        { path: ["Idempotency-Key"], in: "headers", message: `must be 1 to ${MAX_KEY_LENGTH} characters` },
      ],
    });
  const hash = requestHash(request);
  return ctx.db.transaction(async (tx: Sql) => {
    const claim = await claimKey(tx, workspaceId, key, hash, ctx.now());
    if (!claim.claimed) {
      if (claim.requestHash !== hash || !claim.response)
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

export function send(reply: FastifyReply, result: HttpResult & { replayed?: boolean }) {
  reply.code(result.statusCode).headers(result.headers);
  if (result.replayed) reply.header("idempotent-replayed", "true");
  return reply.send(result.body);
}
