/** The outbox's delivery backlog, for monitoring. */
import { type OutboxBacklog, outboxBacklog } from "../store/outbox-stats.ts";
import type { OpContext } from "./context.ts";

export const readOutboxBacklog = (ctx: OpContext): Promise<OutboxBacklog> => outboxBacklog(ctx.db);
