/** The webhook and event commands: subscriptions, their attempts and redelivery, and the outbox backlog. */
import type { Command, Option } from "commander";
import { eventId } from "../domain/events/event.ts";
import type { Webhook } from "../domain/events/webhook.ts";
import type { OpContext } from "../ops/context.ts";
import { attemptsOf, eventBacklog, redeliver } from "../ops/webhooks/deliveries.ts";
import { createWebhook, deleteWebhook, updateWebhook, webhooksOf } from "../ops/webhooks/subscriptions.ts";
import { operatorOf } from "./operator.ts";

export interface CommandKit {
  print: (line: string) => void;
  /** Runs `work` with an op context on the configured database. */
  withContext: <T>(work: (ctx: OpContext) => Promise<T>) => Promise<T>;
  workspaceOption: () => Option;
  wholeNumber: (raw: string) => number;
  parseDuration: (raw: string, option: string) => number;
}

const topicList = (raw: string) =>
  raw
    .split(",")
    .map((topic) => topic.trim())
    .filter(Boolean);
const id = (raw: string) => (/^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN);
const line = (w: Webhook) =>
  [
    w.id,
    w.failingSince ? "failing" : "healthy",
    w.active ? "active" : "paused",
    w.url,
    w.topics.join(","),
    w.lastError ?? "",
  ]
    .join("\t")
    .trimEnd();

export function addWebhookCommands(program: Command, kit: CommandKit) {
  const { print, withContext, workspaceOption } = kit;
  const asOperator = <T>(
    slug: string,
    work: (ctx: OpContext, actor: Awaited<ReturnType<typeof operatorOf>>["actor"]) => Promise<T>,
  ) => withContext(async (ctx) => work(ctx, (await operatorOf(ctx.db, slug)).actor));
  const webhooks = program.command("webhooks").description("manage webhook subscriptions");
  webhooks
    .command("create")
    .description("subscribe a URL to topics and print the signing secret once")
    .requiredOption("--url <url>", "https target")
    .requiredOption("--topics <topics>", "comma-separated topics, <object>.* or *")
    .option("--description <text>", "what it is for")
    .addOption(workspaceOption())
    .action((options: { url: string; topics: string; description?: string; workspace: string }) =>
      asOperator(options.workspace, async (ctx, actor) => {
        const created = await createWebhook(ctx, actor, {
          url: options.url,
          topics: topicList(options.topics),
          ...(options.description ? { description: options.description } : {}),
        });
        print(`Created webhook ${created.id} for ${created.topics.join(", ")}.`);
        print(`Signing secret (shown this once): ${created.secret}`);
      }),
    );
  webhooks
    .command("list")
    .description("list subscriptions: id, health, active, url, topics, last error")
    .addOption(workspaceOption())
    .action((options: { workspace: string }) =>
      asOperator(options.workspace, async (ctx, actor) => {
        for (const w of await webhooksOf(ctx, actor)) print(line(w));
      }),
    );
  webhooks
    .command("update <id>")
    .description("change a subscription")
    .option("--url <url>", "new target")
    .option("--topics <topics>", "new comma-separated topics")
    .option("--pause", "stop delivering (events meanwhile are not queued for it)")
    .option("--resume", "deliver again")
    .addOption(workspaceOption())
    .action(
      (
        raw: string,
        options: { url?: string; topics?: string; pause?: boolean; resume?: boolean; workspace: string },
      ) =>
        asOperator(options.workspace, async (ctx, actor) => {
          const changed = await updateWebhook(ctx, actor, id(raw), {
            ...(options.url ? { url: options.url } : {}),
            ...(options.topics ? { topics: topicList(options.topics) } : {}),
            ...(options.pause ? { active: false } : options.resume ? { active: true } : {}),
          });
          print(line(changed));
        }),
    );
  webhooks
    .command("rotate-secret <id>")
    .description("issue a new signing secret; the old one keeps signing for the overlap")
    .option("--overlap <duration>", "how long the old secret stays valid (s, m, h, d)", "24h")
    .addOption(workspaceOption())
    .action((raw: string, options: { overlap: string; workspace: string }) =>
      asOperator(options.workspace, async (ctx, actor) => {
        const rotated = await updateWebhook(ctx, actor, id(raw), {
          rotateSecret: { overlapMs: kit.parseDuration(options.overlap, "--overlap") },
        });
        print(`New signing secret (shown this once): ${rotated.secret}`);
        print(`The previous secret signs too until ${rotated.previousSecretUntil?.toISOString()}.`);
      }),
    );
  webhooks
    .command("delete <id>")
    .description("delete a subscription with its deliveries")
    .addOption(workspaceOption())
    .action((raw: string, options: { workspace: string }) =>
      asOperator(options.workspace, async (ctx, actor) => {
        await deleteWebhook(ctx, actor, id(raw));
        print(`Deleted webhook ${raw}.`);
      }),
    );
  webhooks
    .command("attempts <id>")
    .description("the latest attempts: time, delivery, event, status, latency, error")
    .option("--limit <n>", "how many", kit.wholeNumber, 20)
    .addOption(workspaceOption())
    .action((raw: string, options: { limit: number; workspace: string }) =>
      asOperator(options.workspace, async (ctx, actor) => {
        for (const a of await attemptsOf(ctx, actor, id(raw), { limit: Math.min(options.limit, 500) }))
          print(
            [
              a.at.toISOString(),
              a.deliveryId,
              eventId(a.eventId),
              a.status ?? "-",
              `${a.latencyMs} ms`,
              a.error ?? "",
            ]
              .join("\t")
              .trimEnd(),
          );
      }),
    );
  webhooks
    .command("redeliver <id> <delivery>")
    .description("send a delivery again, with a fresh retry schedule")
    .addOption(workspaceOption())
    .action((raw: string, delivery: string, options: { workspace: string }) =>
      asOperator(options.workspace, async (ctx, actor) => {
        const again = await redeliver(ctx, actor, id(raw), id(delivery));
        print(`Delivery ${again.id} (${eventId(again.eventId)}) will be sent again.`);
      }),
    );

  program
    .command("events")
    .description("the outbox backlog of every workspace")
    .action(() =>
      withContext(async (ctx) => {
        const b = await eventBacklog(ctx, null);
        print(`undispatched events: ${b.undispatched}`);
        print(`pending deliveries:  ${b.pending}`);
        print(`oldest pending:      ${b.oldestPendingAt ? b.oldestPendingAt.toISOString() : "-"}`);
        print(`failed deliveries:   ${b.failed}`);
        print(`events retained:     ${b.stored}`);
      }),
    );
}
