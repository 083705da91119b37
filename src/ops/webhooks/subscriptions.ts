/** Webhook subscription administration: create (the secret shown once), read, change, rotate the secret, delete. */
import type { Actor } from "../../domain/access.ts";
import { creation, diff } from "../../domain/audit/diff.ts";
import { unwrap } from "../../domain/errors.ts";
import { checkSubscription, type SubscriptionInput } from "../../domain/events/subscription.ts";
import type { Webhook } from "../../domain/events/webhook.ts";
import { missing } from "../../domain/missing.ts";
import { definedOnly } from "../../domain/partial.ts";
import { newSecret } from "../../events/signing.ts";
import { recordChanges } from "../../store/changes.ts";
import type { Sql } from "../../store/db.ts";
import {
  deleteWebhook as deleteRow,
  findWebhook,
  insertWebhook,
  listWebhooks,
  saveWebhook,
} from "../../store/webhooks.ts";
import { actorOf, change, type OpContext } from "../context.ts";

/** A subscription as audit records and events carry it: never its secrets. */
const withoutSecrets = ({ secret: _s, previousSecret: _p, ...rest }: Webhook) => rest;

const AUDITED = ["url", "topics", "active", "description"] as const;

async function load(sql: Sql, actor: Actor, id: number, lock = false): Promise<Webhook> {
  const found = Number.isSafeInteger(id) ? await findWebhook(sql, actor.workspaceId, id, lock) : null;
  if (!found) throw missing("webhook");
  return found;
}

export async function createWebhook(
  ctx: OpContext,
  actor: Actor,
  input: SubscriptionInput & { url: string; topics: string[] },
): Promise<Webhook> {
  const checked = unwrap(checkSubscription(input, ctx.allowPrivateWebhooks ?? false));
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const created = await insertWebhook(
      tx,
      actor.workspaceId,
      {
        url: input.url,
        topics: checked.topics ?? input.topics,
        active: input.active ?? true,
        description: input.description ?? "",
      },
      newSecret(),
      now,
    );
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "webhook", id: created.id, revision: created.revision },
        "created",
        creation(created, AUDITED),
        now,
        withoutSecrets(created),
      ),
    ]);
    return created;
  });
}

export const webhooksOf = (ctx: OpContext, actor: Actor) => listWebhooks(ctx.db, actor.workspaceId);
export const getWebhook = (ctx: OpContext, actor: Actor, id: number) => load(ctx.db, actor, id);

/** Changes fields; `rotateSecret` issues a new secret and keeps the old one signing for `overlapMs` more. */
export async function updateWebhook(
  ctx: OpContext,
  actor: Actor,
  id: number,
  input: SubscriptionInput & { rotateSecret?: { overlapMs: number } },
): Promise<Webhook> {
  const { rotateSecret, ...fields } = input;
  const checked = unwrap(checkSubscription(fields, ctx.allowPrivateWebhooks ?? false));
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const current = await load(tx, actor, id, true);
    const merged = { ...current, ...definedOnly(checked) };
    const changes = diff(current, merged, AUDITED);
    if (rotateSecret) changes.push({ field: "secret", before: "(previous)", after: "(new)" });
    if (changes.length === 0) return current;
    const next: Webhook = {
      ...merged,
      ...(rotateSecret
        ? {
            secret: newSecret(),
            previousSecret: current.secret,
            previousSecretUntil: new Date(now.getTime() + rotateSecret.overlapMs),
          }
        : {}),
      revision: current.revision + 1,
      updatedAt: now,
    };
    await saveWebhook(tx, next);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "webhook", id, revision: next.revision },
        "updated",
        changes,
        now,
        withoutSecrets(next),
      ),
    ]);
    return next;
  });
}

/** Deletes the subscription with its deliveries and attempts. */
export async function deleteWebhook(ctx: OpContext, actor: Actor, id: number): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const current = await load(tx, actor, id, true);
    await deleteRow(tx, actor.workspaceId, id);
    await recordChanges(tx, [
      change(
        actorOf(actor),
        actor.workspaceId,
        { type: "webhook", id, revision: current.revision + 1 },
        "deleted",
        [],
        now,
        { id },
      ),
    ]);
  });
}
