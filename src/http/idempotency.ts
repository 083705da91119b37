/** Idempotency-Key handling for every POST of every dialect: the first response is stored and replayed. */
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { Failure } from "../domain/errors.ts";
import type { StoredResponse } from "../domain/idempotency.ts";
import type { OpContext } from "../ops/context.ts";
import { runOnce } from "../ops/idempotent.ts";

const MAX_KEY_LENGTH = 255;

export type HttpResult = StoredResponse;

function requestHash(request: FastifyRequest, content: unknown): string {
  return createHash("sha256")
    .update(`${request.method} ${request.url}\n${JSON.stringify(content ?? null)}`)
    .digest("base64url");
}

/**
 * Runs `work` at most once per Idempotency-Key (the op replays the first response); without a key, it just runs.
 * `content` is what makes two requests the same besides method and URL: the JSON body, unless the route reads
 * its body itself (an upload names what it received: the file's digest and its metadata).
 */
export async function idempotent(
  ctx: OpContext,
  request: FastifyRequest,
  workspaceId: number,
  work: (scoped: OpContext) => Promise<HttpResult>,
  content: unknown = request.body,
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
  return runOnce(ctx, workspaceId, { key, requestHash: requestHash(request, content) }, work);
}

export function send(reply: FastifyReply, result: HttpResult & { replayed?: boolean }) {
  reply.code(result.statusCode).headers(result.headers);
  if (result.replayed) reply.header("idempotent-replayed", "true");
  return reply.send(result.body);
}
