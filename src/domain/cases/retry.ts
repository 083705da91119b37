/** Recognising a create that was sent again (by a caller that cannot send an idempotency key). */
import type { Case } from "./case.ts";

/**
 * A create is a retry of an existing case when that case already holds every interaction the create carries, and
 * names the same requester and title: the same conversation filed again, not a second case about it.
 */
export const isRetriedCreate = (existing: Case, input: { title: string; requesterId?: number | null }) =>
  !existing.trashedAt &&
  existing.requesterId === (input.requesterId ?? null) &&
  existing.title === input.title.trim();
