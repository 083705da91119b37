/** MPT queues from model queues, with case statistics, the owner account and audit from the audit trail. */
import type { queueDetailsOf } from "../../ops/admin/queues.ts";
import { formatId } from "./ids.ts";
import { presentAudit } from "./present.ts";

type QueueDetails = Awaited<ReturnType<typeof queueDetailsOf>>;
type Queue = Parameters<typeof queueDetailsOf>[2][number];

export function presentQueue(details: QueueDetails, q: Queue) {
  const owner = q.ownerAccountId === null ? undefined : details.related.accounts.get(q.ownerAccountId);
  const counts = details.statistics.get(q.id) ?? { total: 0, open: 0 };
  return {
    id: formatId("queue", q.id),
    revision: q.revision,
    name: q.name,
    shortDescription: q.shortDescription,
    description: q.description,
    externalId: q.externalId,
    status: q.active ? ("Active" as const) : ("Disabled" as const),
    default: q.isDefault,
    internal: q.internal,
    account: owner ? { id: formatId("account", owner.id), name: owner.name } : null,
    statistics: { totalCasesCount: counts.total, openCasesCount: counts.open },
    audit: presentAudit(details.related, details.events.get(String(q.id)), q),
  };
}
