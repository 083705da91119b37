/** Queue administration: create, change, read, list, remove. */
import type { Actor } from "../../domain/access.ts";
import { invalid, unwrap } from "../../domain/errors.ts";
import { definedOnly } from "../../domain/partial.ts";
import { visibleWhere } from "../../domain/policy.ts";
import type { ListQuery } from "../../domain/query/condition.ts";
import {
  checkQueueRemoval,
  type Queue,
  type QueueFields,
  type QueueQueryField,
} from "../../domain/queues/queue.ts";
import { recordChanges } from "../../store/changes.ts";
import type { Sql } from "../../store/db.ts";
import {
  deleteQueue,
  findQueue,
  insertQueue,
  listQueues,
  queryQueues,
  queueHoldsCases,
  queueStatistics,
  saveQueue,
} from "../../store/queues.ts";
import { missingReferences } from "../../store/references.ts";
import { latestEvents, loadRelated } from "../../store/related.ts";
import { actorOf, change, type OpContext } from "../context.ts";
import { createRecord, getRecord, type RecordKind, updateRecord } from "./administered.ts";

const QUEUE: RecordKind<Queue> = {
  type: "queue",
  fields: [
    "name",
    "shortDescription",
    "description",
    "externalId",
    "ownerAccountId",
    "internal",
    "active",
    "isDefault",
  ],
  subject: (queue) => ({ type: "queue", internal: queue.internal, ownerAccountId: queue.ownerAccountId }),
  find: findQueue,
  save: saveQueue,
};

async function checkOwner(sql: Sql, actor: Actor, ownerAccountId: number | null | undefined) {
  const missing = await missingReferences(sql, actor.workspaceId, {
    ownerAccountId: { kind: "account", id: ownerAccountId },
  });
  if (missing.length)
    unwrap(invalid([{ path: ["ownerAccountId"], message: "refers to an account that does not exist" }]));
}

export const createQueue = (ctx: OpContext, actor: Actor, input: Partial<QueueFields> & { name: string }) =>
  createRecord(ctx, actor, QUEUE, async (tx, now) => {
    await checkOwner(tx.db, actor, input.ownerAccountId);
    return insertQueue(
      tx.db,
      actor.workspaceId,
      {
        shortDescription: "",
        description: "",
        externalId: null,
        ownerAccountId: null,
        internal: false,
        active: true,
        isDefault: false,
        ...definedOnly(input),
        name: input.name,
      },
      now,
    );
  });

/** Another account's internal queue is not there for client and vendor users. */
export const getQueue = (ctx: OpContext, actor: Actor, id: number, lock = false): Promise<Queue> =>
  getRecord(ctx, actor, QUEUE, id, lock);

export const queuesOf = (ctx: OpContext, actor: Actor) =>
  listQueues(ctx.db, actor.workspaceId, visibleWhere(actor, "queue"));

/** A page of the queues the actor may see, with how many match. */
export const findQueues = (ctx: OpContext, actor: Actor, query: ListQuery<QueueQueryField>) =>
  queryQueues(ctx.db, actor.workspaceId, query, visibleWhere(actor, "queue"));

/** What queues the caller has already read show besides their fields: case counts, owners, audit events. */
export async function queueDetailsOf(ctx: OpContext, actor: Actor, queues: readonly Queue[]) {
  const ids = queues.map((queue) => queue.id);
  const [statistics, events] = await Promise.all([
    queueStatistics(ctx.db, actor.workspaceId, ids),
    latestEvents(ctx.db, actor.workspaceId, "queue", ids.map(String)),
  ]);
  const actors = [...events.values()].flatMap((byAction) => Object.values(byAction).map((e) => e.actor.id));
  const related = await loadRelated(ctx.db, actor.workspaceId, {
    users: actors,
    accounts: queues.map((queue) => queue.ownerAccountId),
    queues: [],
  });
  return { statistics, events, related };
}

export const updateQueue = (ctx: OpContext, actor: Actor, id: number, input: Partial<QueueFields>) =>
  updateRecord(ctx, actor, QUEUE, id, input, (tx) => checkOwner(tx.db, actor, input.ownerAccountId));

/** Removes an empty queue that is not the default; anything else is `in_use` and changes nothing. */
export async function removeQueue(ctx: OpContext, actor: Actor, id: number): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const queue = await getQueue({ ...ctx, db: tx }, actor, id, true);
    unwrap(checkQueueRemoval(queue, await queueHoldsCases(tx, actor.workspaceId, queue.id)));
    await deleteQueue(tx, actor.workspaceId, queue.id);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "queue", id, revision: null },
        "deleted",
        [],
        now,
        queue,
      ),
    ]);
  });
}
