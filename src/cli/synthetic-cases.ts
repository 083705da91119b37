/** Synthetic cases for `casework import --synthetic N`: varied words, statuses and dates, two entries each. */
import type { Status } from "../domain/cases/status.ts";
import type { ImportCaseInput } from "../ops/cases/import-cases.ts";

const THINGS = [
  "printer",
  "laptop",
  "invoice",
  "password",
  "network",
  "monitor",
  "refund",
  "delivery",
  "account",
  "license",
  "email",
  "phone",
  "vpn",
  "badge",
  "keyboard",
  "server",
  "backup",
  "calendar",
  "wifi",
  "scanner",
];
const TROUBLES = [
  "broken",
  "missing",
  "slow",
  "locked",
  "duplicated",
  "late",
  "rejected",
  "flickering",
  "overheating",
  "expired",
  "unreachable",
  "corrupted",
  "noisy",
  "frozen",
  "wrong",
];
const STATUSES: Status[] = [
  "new",
  "open",
  "open",
  "pending",
  "on_hold",
  "open",
  "resolved",
  "new",
  "open",
  "resolved",
];
const PRIORITIES = ["low", "normal", "normal", "high", "urgent"] as const;
const DAY = 86_400_000;

/**
 * `count` cases, oldest first, spread evenly over the year before `now`; case i mentions THINGS[i % 20]
 * and TROUBLES[i % 15], so a word's share of the cases is known.
 */
export function* syntheticCases(count: number, now = new Date()): Generator<ImportCaseInput> {
  const start = now.getTime() - 365 * DAY;
  const step = (365 * DAY) / Math.max(count, 1);
  for (let i = 0; i < count; i++) {
    const thing = THINGS[i % THINGS.length]!;
    const trouble = TROUBLES[i % TROUBLES.length]!;
    yield {
      title: `${thing} ${trouble} for customer ${i % 9973}`,
      description: `The ${thing} is ${trouble} since this morning; reference ${i}.`,
      status: STATUSES[i % STATUSES.length]!,
      priority: PRIORITIES[i % PRIORITIES.length]!,
      tags: [thing],
      createdAt: new Date(Math.floor(start + i * step)),
      timeline: [
        { kind: "message", body: `Hello, my ${thing} is ${trouble}. Can you help?` },
        { kind: "note", body: `Asked the ${thing} team to look at it.` },
      ],
    };
  }
}
