/**
 * GET /api/v1/events: the live event stream as server-sent events. Each commit wakes the stream (through the
 * process's event hub); a slow poll catches events that were held back behind a transaction still running.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { invalid, unwrap } from "../../../domain/errors.ts";
import { parseEventId } from "../../../domain/events/event.ts";
import { isTopicPattern } from "../../../domain/events/topics.ts";
import { readStream, type StreamFilter, streamStart } from "../../../ops/events/stream.ts";
import { actorOf, type DialectOptions } from "../../dialect.ts";
import { parseRef } from "../../ids.ts";
import { errors } from "../schemas/common.ts";
import { StreamQuery } from "../schemas/webhooks.ts";

const POLL_MS = 1_000;
const HEARTBEAT_MS = 15_000;

function parseFilter(query: { topics?: string; case?: string }): StreamFilter {
  const topics = query.topics
    ?.split(",")
    .map((topic) => topic.trim())
    .filter(Boolean);
  const bad = (topics ?? []).findIndex((topic) => !isTopicPattern(topic));
  if (bad >= 0)
    unwrap(
      invalid([
        { path: ["topics"], in: "querystring", message: `"${topics![bad]}" is not a topic or pattern` },
      ]),
    );
  const caseNumber = parseRef(query.case) ?? undefined;
  if (caseNumber === 0)
    unwrap(invalid([{ path: ["case"], in: "querystring", message: "must be a case id" }]));
  return { ...(topics?.length ? { topics } : {}), ...(caseNumber !== undefined ? { caseNumber } : {}) };
}

export async function eventRoutes(instance: FastifyInstance, { ctx }: DialectOptions) {
  const events = ctx.events;
  if (!events) throw new Error("the event stream needs the process's event hub");
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const open = new Set<() => void>();
  // Streams never end on their own; closing the server ends them so it can finish.
  app.addHook("preClose", async () => {
    for (const end of open) end();
  });
  app.get(
    "/events",
    {
      config: { action: "event.stream" },
      schema: {
        tags: ["Events"],
        operationId: "streamEvents",
        summary: "The live event stream (text/event-stream), resumable with Last-Event-ID",
        querystring: StreamQuery,
        response: {
          200: {
            description: "The stream: one event message per case event, and heartbeats",
            content: { "text/event-stream": { schema: Type.String() } },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const filter = parseFilter(request.query);
      const header = request.headers["last-event-id"];
      let position = await streamStart(
        ctx,
        actor,
        parseEventId(typeof header === "string" ? header : undefined),
      );
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        connection: "keep-alive",
        "x-accel-buffering": "no",
        "x-request-id": request.id,
      });
      raw.write("retry: 2000\n\n");
      let ended = false;
      let reading = false;
      let again = false;
      const read = async () => {
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            const batch = await readStream(ctx, actor, position, filter);
            position = batch.position;
            for (const message of batch.messages)
              raw.write(`id: ${message.id}\nevent: ${message.type}\ndata: ${JSON.stringify(message)}\n\n`);
            again ||= batch.more;
          } while (again && !ended);
        } catch (error) {
          request.log.warn({ err: error }, "event stream read failed; retrying at the next poll");
        } finally {
          reading = false;
        }
      };
      const unsubscribe = events.subscribe(() => void read());
      const poll = setInterval(() => void read(), POLL_MS);
      const heartbeat = setInterval(() => raw.write(": keep-alive\n\n"), HEARTBEAT_MS);
      const end = () => {
        if (ended) return;
        ended = true;
        unsubscribe();
        clearInterval(poll);
        clearInterval(heartbeat);
        open.delete(end);
        raw.end();
      };
      open.add(end);
      raw.on("close", end);
      await read();
    },
  );
}
