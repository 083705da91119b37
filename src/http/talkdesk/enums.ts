/** Talkdesk's enum words for status, priority and type, read case-insensitively and written upper-case. */
import type { CaseType, Priority } from "../../domain/cases/case.ts";
import { CASE_TYPES, PRIORITIES } from "../../domain/cases/case.ts";
import { STATUSES, type Status } from "../../domain/cases/status.ts";

export const WIRE_STATUSES = ["NEW", "OPEN", "PENDING", "ON_HOLD", "RESOLVED", "CLOSED"] as const;
export const WIRE_PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
export const WIRE_TYPES = ["QUESTION", "INCIDENT", "PROBLEM", "TASK"] as const;

/** "On-hold", "on hold" and "ON_HOLD" are one word: the update sample sends ON-HOLD, the OpenAPI says ON_HOLD. */
const canonical = (word: string) =>
  word
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, "_");

function reader<T extends string>(values: readonly T[]) {
  return (word: string): T | null => {
    const found = canonical(word);
    return (values as readonly string[]).includes(found) ? (found as T) : null;
  };
}

export const readStatus = reader<Status>(STATUSES);
export const readPriority = reader<Priority>(PRIORITIES);
export const readType = reader<CaseType>(CASE_TYPES);

export const wireWord = (value: string) => value.toUpperCase();
