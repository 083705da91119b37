/** What an admin sees of a subscription's traffic (deliveries, attempts, the backlog) and manual redelivery. */
import type { Actor } from "../../domain/access.ts";
import { missing } from "../../domain/missing.ts";
import { listAttempts, listDeliveries, redeliver as redeliverRow } from "../../store/delivery-history.ts";
import { backlog } from "../../store/outbox.ts";
import type { OpContext } from "../context.ts";
import { getWebhook } from "./subscriptions.ts";

export interface Page {
  before?: number;
  limit: number;
}

export async function deliveriesOf(
  ctx: OpContext,
  actor: Actor,
  webhookId: number,
  filter: Page & { state?: "pending" | "delivered" | "failed" },
) {
  await getWebhook(ctx, actor, webhookId);
  return listDeliveries(ctx.db, actor.workspaceId, webhookId, filter);
}

export async function attemptsOf(ctx: OpContext, actor: Actor, webhookId: number, page: Page) {
  await getWebhook(ctx, actor, webhookId);
  return listAttempts(ctx.db, actor.workspaceId, webhookId, page);
}

/** Sends a delivery again (failed or not) as soon as the dispatcher gets to it, with a fresh retry schedule. */
export async function redeliver(ctx: OpContext, actor: Actor, webhookId: number, deliveryId: number) {
  await getWebhook(ctx, actor, webhookId);
  const found = Number.isSafeInteger(deliveryId)
    ? await redeliverRow(ctx.db, actor.workspaceId, webhookId, deliveryId, ctx.now())
    : null;
  if (!found) throw missing("delivery");
  return found;
}

/** The outbox backlog of the actor's workspace (the CLI passes null for every workspace). */
export const eventBacklog = (ctx: OpContext, workspaceId: number | null) => backlog(ctx.db, workspaceId);
