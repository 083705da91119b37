/** MPT case and message bodies as model changes and timeline entries. */
import type { CaseChanges } from "../../domain/cases/case.ts";
import { LIMITS } from "../../domain/cases/case.ts";
import { definedOnly } from "../../domain/partial.ts";
import type { EntryInput, Visibility } from "../../domain/timeline/entry.ts";
import { refOf } from "./ids.ts";

type Ref = { id: string };

export interface CaseFields {
  queue?: Ref | null;
  assignee?: Ref | null;
  reporter?: Ref | null;
  account?: Ref | null;
  awaiting?: boolean;
  queryPrompt?: string | null;
}

export function toCaseChanges(body: CaseFields): CaseChanges {
  return definedOnly({
    queueId: refOf("queue", body.queue),
    assigneeId: refOf("user", body.assignee),
    reporterId: refOf("user", body.reporter),
    accountId: refOf("account", body.account),
    awaiting: body.awaiting,
    queryPrompt: body.queryPrompt,
  }) as CaseChanges;
}

/** A case has no title on the platform: its chat's name, else the opening message's first line, names it. */
export function titleOf(name: string | undefined, content: string | undefined): string {
  const named = name?.trim();
  if (named) return named;
  const line = content?.trim().split(/\r?\n/)[0]?.trim() ?? "";
  if (!line) return "New case";
  return line.length > LIMITS.title ? `${line.slice(0, LIMITS.title - 1)}…` : line;
}

/** Private is the model's internal: shown only within the operations side that may write it. */
export const toVisibility = (wire: string | undefined): Visibility | undefined =>
  wire === undefined ? undefined : wire.toLowerCase() === "private" ? "internal" : "public";

export const toMessage = (content: string, visibility?: string): EntryInput => ({
  kind: "message",
  body: content,
  ...definedOnly({ visibility: toVisibility(visibility) }),
});
