/** The case aggregate as the domain sees it, and the limits that apply to its fields. */
import type { Status } from "./status.ts";

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CASE_TYPES = ["question", "incident", "problem", "task"] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const LIMITS = {
  title: 500,
  description: 100_000,
  resolution: 10_000,
  solveReason: 255,
  queryPrompt: 10_000,
  tag: 100,
  tags: 50,
  entryTitle: 255,
  entryBody: 100_000,
  entriesPerWrite: 100,
} as const;

export type CustomValues = Record<string, unknown>;

export interface Case {
  workspaceId: number;
  number: number;
  title: string;
  description: string;
  status: Status;
  priority: Priority;
  type: CaseType | null;
  parentNumber: number | null;
  queueId: number | null;
  assigneeId: number | null;
  reporterId: number | null;
  requesterId: number | null;
  accountId: number | null;
  resolution: string | null;
  solveReason: string | null;
  awaiting: boolean;
  queryPrompt: string | null;
  customFields: CustomValues;
  tags: string[];
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  trashedAt: Date | null;
}

/** The fields a client may write; every one optional on update. */
export interface CaseChanges {
  title?: string;
  description?: string;
  status?: Status;
  priority?: Priority;
  type?: CaseType | null;
  parentNumber?: number | null;
  queueId?: number | null;
  assigneeId?: number | null;
  reporterId?: number | null;
  requesterId?: number | null;
  accountId?: number | null;
  resolution?: string | null;
  solveReason?: string | null;
  awaiting?: boolean;
  queryPrompt?: string | null;
  customFields?: CustomValues;
  tags?: string[];
}

/** Trims and lower-cases tags, drops blanks and repeats. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0))];
}
