/** Queue administration: create, change, read. */
import { type Actor, seesInternal } from "../../domain/access.ts";
import { creation, diff } from "../../domain/audit/diff.ts";
import { invalid, notFound, unwrap } from "../../domain/errors.ts";
import { recordChanges } from "../../store/changes.ts";
import {
  findQueue,
  insertQueue,
  listQueues,
  type Queue,
  type QueueFields,
  saveQueue,
} from "../../store/queues.ts";
import { missingReferences } from "../../store/references.ts";
import { actorOf, change, type OpContext } from "../context.ts";

const QUEUE_FIELDS = [
  "name",
  "description",
  "externalId",
  "ownerAccountId",
  "internal",
  "active",
  "isDefault",
] as const;

async function checkOwner(ctx: OpContext, actor: Actor, ownerAccountId: number | null | undefined) {
  const missing = await missingReferences(ctx.db, actor.workspaceId, {
    ownerAccountId: { kind: "account", id: ownerAccountId },
  });
  if (missing.length)
    unwrap(invalid([{ field: "ownerAccountId", message: "refers to an account that does not exist" }]));
}

export async function createQueue(
  ctx: OpContext,
  actor: Actor,
  input: Partial<QueueFields> & { name: string },
) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const scoped = { ...ctx, db: tx };
    await checkOwner(scoped, actor, input.ownerAccountId);
    const created = await insertQueue(
      tx,
      actor.workspaceId,
      {
        name: input.name,
        description: input.description ?? "",
        externalId: input.externalId ?? null,
        ownerAccountId: input.ownerAccountId ?? null,
        internal: input.internal ?? false,
        active: input.active ?? true,
        isDefault: input.isDefault ?? false,
      },
      now,
    );
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "queue", id: created.id, revision: 1 },
        "created",
        creation(created, QUEUE_FIELDS),
        now,
        created,
      ),
    ]);
    return created;
  });
}

export async function getQueue(ctx: OpContext, actor: Actor, id: number): Promise<Queue> {
  const queue = Number.isSafeInteger(id) ? await findQueue(ctx.db, actor.workspaceId, id) : null;
  if (!queue || (queue.internal && !seesInternal(actor))) throw notFound("queue_not_found", "queue");
  return queue;
}

export const queuesOf = (ctx: OpContext, actor: Actor) =>
  listQueues(ctx.db, actor.workspaceId, seesInternal(actor));

export async function updateQueue(ctx: OpContext, actor: Actor, id: number, input: Partial<QueueFields>) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const current = Number.isSafeInteger(id) ? await findQueue(tx, actor.workspaceId, id, true) : null;
    if (!current) throw notFound("queue_not_found", "queue");
    await checkOwner({ ...ctx, db: tx }, actor, input.ownerAccountId);
    const merged: Queue = { ...current, ...definedOnly(input) };
    const changes = diff(current, merged, QUEUE_FIELDS);
    if (changes.length === 0) return current;
    const next = { ...merged, revision: current.revision + 1, updatedAt: now };
    await saveQueue(tx, actor.workspaceId, next);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "queue", id, revision: next.revision },
        "updated",
        changes,
        now,
        next,
      ),
    ]);
    return next;
  });
}

/** Drops keys whose value is undefined, so a partial update only touches what was sent. */
export function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
