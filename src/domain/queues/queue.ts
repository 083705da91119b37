/** A queue: where cases wait for a team, possibly internal to operations or owned by an account; what removing one must not lose. */
import { fail, ok, type Result } from "../errors.ts";

export interface Queue {
  id: number;
  name: string;
  shortDescription: string;
  description: string;
  externalId: string | null;
  ownerAccountId: number | null;
  internal: boolean;
  active: boolean;
  isDefault: boolean;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What an administrator sets on a queue; the rest is the store's bookkeeping. */
export type QueueFields = Omit<Queue, "id" | "revision" | "createdAt" | "updatedAt">;

/** The queue fields a list may filter and sort on. */
export type QueueQueryField =
  | "id"
  | "name"
  | "active"
  | "internal"
  | "isDefault"
  | "ownerAccountId"
  | "createdAt"
  | "updatedAt";

export interface QueueFacts {
  internal: boolean;
  ownerAccountId: number | null;
  isDefault: boolean;
}

/**
 * A queue is removed only when nothing depends on it: a queue that holds cases (trashed ones too) is refused,
 * so no case ever loses its queue (disable it, or transfer its cases first); the default queue receives every
 * case created without one, so it is refused too.
 */
export function checkQueueRemoval(queue: QueueFacts, holdsCases: boolean): Result<true> {
  if (queue.isDefault)
    return fail("in_use", "The default queue receives new cases; make another queue the default first.");
  if (holdsCases)
    return fail(
      "in_use",
      "The queue holds cases; transfer them to another queue, or disable the queue instead.",
    );
  return ok(true);
}
