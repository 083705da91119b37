/**
 * Request logs: one line per request, written when it is answered, with what was asked (method, URL, client) and
 * how it was answered (status, time). Fastify's own two lines (on arrival and on answer) cost twice as much.
 */
import { type FastifyReply, type FastifyRequest, LogController } from "fastify";

export class OneLinePerRequest extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, "request errored");
    else reply.log.info(line, "request completed");
  }
}
