/**
 * Every MPT write runs, with the reading of what it answers, in one transaction: once it commits, nothing is
 * left that could fail, so a committed write is never answered 503 (which MPT clients retry, POST included).
 * A case create does the same inside its batch's transaction (`createAndAnswer`).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { OpContext } from "../../ops/context.ts";
import { actorOf } from "../dialect.ts";
import { idempotent, send } from "../idempotency.ts";

export async function write(
  ctx: OpContext,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  work: (scoped: OpContext) => Promise<unknown>,
  /** What identifies the request for its Idempotency-Key, when not its JSON body (see `idempotent`). */
  content?: unknown,
) {
  const actor = actorOf(request);
  const result = await idempotent(
    ctx,
    request,
    actor.workspaceId,
    (scoped) =>
      scoped.db.transaction(async (tx) => ({
        statusCode: status,
        headers: {},
        body: await work({ ...scoped, db: tx }),
      })),
    content,
  );
  return send(reply, result);
}
