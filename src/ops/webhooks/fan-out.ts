/** Hands new outbox events to the subscriptions that want them: one delivery per event and subscriber. */
import { wanted } from "../../domain/events/topics.ts";
import {
  activeSubscriptions,
  addDeliveries,
  commitWithoutWaitingForDisk,
  markDispatched,
  takeUndispatched,
} from "../../store/deliveries.ts";
import type { OpContext } from "../context.ts";

export const FAN_OUT_BATCH = 500;

/** Dispatches one batch; returns how many events it took (0 also when another process is at it). */
export async function fanOut(ctx: OpContext, batch = FAN_OUT_BATCH): Promise<number> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await commitWithoutWaitingForDisk(tx);
    const events = await takeUndispatched(tx, batch);
    if (!events?.length) return 0;
    const subscriptions = await activeSubscriptions(tx, [...new Set(events.map((e) => e.workspaceId))]);
    const deliveries = events.flatMap((event) =>
      subscriptions
        .filter((s) => s.workspaceId === event.workspaceId && wanted(s.topics, event.topics))
        .map((s) => ({
          workspaceId: event.workspaceId,
          webhookId: s.id,
          eventId: event.id,
          subject: event.subject,
        })),
    );
    await addDeliveries(tx, deliveries, now);
    await markDispatched(tx, events, now);
    return events.length;
  });
}
