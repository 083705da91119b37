/** Idempotency-Key handling for every POST of every dialect: the first response is stored and replayed. */
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { Failure } from "../domain/errors.ts";
import type { StoredResponse } from "../domain/idempotency.ts";
import type { OpContext } from "../ops/context.ts";
import { type IdempotencyKey, runCreateOnce, runOnce } from "../ops/idempotent.ts";

const MAX_KEY_LENGTH = 255;

export type HttpResult = StoredResponse;

function requestHash(request: FastifyRequest, content: unknown): string {
  return createHash("sha256")
    .update(`${request.method} ${request.url}\n${JSON.stringify(content ?? null)}`)
    .digest("base64url");
}

/** The request's Idempotency-Key with the digest of what it sends, or null when it has none. */
function keyOf(request: FastifyRequest, content: unknown): IdempotencyKey | null {
  const key = request.headers["idempotency-key"];
  if (typeof key !== "string") return null;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH)
    throw new Failure({
      code: "validation_failed",
      message: `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters.`,
      fields: [
        { path: ["Idempotency-Key"], in: "headers", message: `must be 1 to ${MAX_KEY_LENGTH} characters` },
      ],
    });
  return { key, requestHash: requestHash(request, content) };
}

/** Runs `work` through `run` when the request has an Idempotency-Key; without one, it just runs. */
const keyed =
  (run: typeof runOnce) =>
  async (
    ctx: OpContext,
    request: FastifyRequest,
    workspaceId: number,
    work: (scoped: OpContext) => Promise<HttpResult>,
    content: unknown = request.body,
  ): Promise<HttpResult & { replayed: boolean }> => {
    const key = keyOf(request, content);
    if (!key) return { ...(await work(ctx)), replayed: false };
    return run(ctx, workspaceId, key, work);
  };

/**
 * Runs `work` at most once per Idempotency-Key (the op replays the first response).
 * `content` is what makes two requests the same besides method and URL: the JSON body, unless the route reads
 * its body itself (an upload names what it received: the file's digest and its metadata).
 */
export const idempotent = keyed(runOnce);

/**
 * `idempotent` for a request that creates a case: `work` creates it through `createAndAnswer`, which claims the
 * key with the case in the transaction of its batch and stores the answer as the response.
 */
export const idempotentCreate = keyed(runCreateOnce);

export function send(reply: FastifyReply, result: HttpResult & { replayed?: boolean }) {
  reply.code(result.statusCode).headers(result.headers);
  if (result.replayed) reply.header("idempotent-replayed", "true");
  return reply.send(result.body);
}
