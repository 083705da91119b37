/** What a case list asks for: filters, the sort and the position a page continues from. */
import type { CaseType, Priority } from "./case.ts";
import type { Status } from "./status.ts";

export const SORT_FIELDS = ["number", "createdAt", "updatedAt", "priority"] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface CaseSort {
  field: SortField;
  direction: "asc" | "desc";
}

export interface CaseFilter {
  status?: Status[];
  priority?: Priority[];
  type?: CaseType[];
  queueId?: number[];
  /** `null` in the list matches unassigned cases. */
  assigneeId?: (number | null)[];
  requesterId?: number[];
  accountId?: number;
  parentNumber?: number;
  /** Every tag listed must be on the case. */
  tags?: string[];
  createdAfter?: Date;
  createdBefore?: Date;
  updatedAfter?: Date;
  updatedBefore?: Date;
  q?: string;
  /** Whether `q` also matches internal timeline entries (operations users only). */
  searchInternal?: boolean;
  trashed?: boolean;
}

/** Where the previous page ended: the sort value and the number of its last case. */
export interface CasePosition {
  value: string | number;
  number: number;
}
