/** Queue administration: create, change, read. */
import type { Actor } from "../../domain/access.ts";
import { invalid, notFound, unwrap } from "../../domain/errors.ts";
import { definedOnly } from "../../domain/partial.ts";
import { canSee, isOperations } from "../../domain/policy.ts";
import type { Sql } from "../../store/db.ts";
import {
  findQueue,
  insertQueue,
  listQueues,
  type Queue,
  type QueueFields,
  saveQueue,
} from "../../store/queues.ts";
import { missingReferences } from "../../store/references.ts";
import type { OpContext } from "../context.ts";
import { createRecord, type RecordKind, updateRecord } from "./administered.ts";

const QUEUE: RecordKind<Queue> = {
  type: "queue",
  notFoundCode: "queue_not_found",
  fields: ["name", "description", "externalId", "ownerAccountId", "internal", "active", "isDefault"],
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

/** Internal queues are invisible to client and vendor users. */
export async function getQueue(ctx: OpContext, actor: Actor, id: number): Promise<Queue> {
  const queue = Number.isSafeInteger(id) ? await findQueue(ctx.db, actor.workspaceId, id) : null;
  if (
    !queue ||
    !canSee(actor, { type: "queue", internal: queue.internal, ownerAccountId: queue.ownerAccountId })
  )
    throw notFound("queue_not_found");
  return queue;
}

export const queuesOf = (ctx: OpContext, actor: Actor) =>
  listQueues(ctx.db, actor.workspaceId, isOperations(actor));

export const updateQueue = (ctx: OpContext, actor: Actor, id: number, input: Partial<QueueFields>) =>
  updateRecord(ctx, actor, QUEUE, id, input, (tx) => checkOwner(tx.db, actor, input.ownerAccountId));
