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
  numbers?: number[];
  /** Case-insensitive substring matches. */
  titleContains?: string;
  descriptionContains?: string;
  /** The assignee or requester matched by name (substring), email or phone (whole), case-insensitively. */
  assignee?: { name?: string; email?: string };
  requester?: { name?: string; email?: string; phone?: string };
  /** true: cases with a requester contact; false: cases without one. */
  hasRequester?: boolean;
  /** Each object must be contained in the custom field values (jsonb `@>`). */
  customFields?: Record<string, unknown>[];
}

/** Where the previous page ended: the sort value and the number of its last case. */
export interface CasePosition {
  value: string | number;
  number: number;
}
