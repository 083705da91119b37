/**
 * Group commit of creates: the creates of one workspace that arrive while its batches are being written wait,
 * and are then written together, up to a cap, in one transaction. Batches (of this process and of others)
 * queue on the workspace's counter row, so numbers follow commit order without a gap.
 */
import type { Sql } from "../../store/db.ts";
import type { PreparedCreate } from "./create-case.ts";
import { type CreateOutcome, writeCreates } from "./write-creates.ts";

/** The most creates written in one transaction. */
export const BATCH_CAP = 32;

/**
 * Batches of one workspace in flight at once: while one commits, the next has begun and waits for the
 * counter row, so it starts writing the moment the first commits.
 */
const WRITERS = 2;

interface Waiting {
  create: PreparedCreate;
  resolve: (outcome: CreateOutcome) => void;
  reject: (error: unknown) => void;
}

export interface CreateBatches {
  /** Resolves once the create's batch has committed; rejects with its own failure only. */
  submit(create: PreparedCreate): Promise<CreateOutcome>;
}

/** What two creates of one batch must not share: an Idempotency-Key, or an interaction. */
const exclusiveOf = (create: PreparedCreate) => [
  ...(create.claim ? [`key ${create.claim.key}`] : []),
  ...(create.once?.origins ?? []).map(
    (origin) => `origin ${JSON.stringify([origin.service, origin.serviceId])}`,
  ),
];

/**
 * Takes the next batch off the queue: up to `cap` creates in arrival order, leaving in the queue (for a later
 * batch, which will see what this one wrote) a create that shares a key or an interaction with one taken.
 */
function takeBatch(queue: Waiting[], cap: number): Waiting[] {
  const taken: Waiting[] = [];
  const held = new Set<string>();
  for (let i = 0; i < queue.length && taken.length < cap; ) {
    const exclusive = exclusiveOf(queue[i]!.create);
    if (exclusive.some((one) => held.has(one))) {
      i += 1;
      continue;
    }
    for (const one of exclusive) held.add(one);
    taken.push(...queue.splice(i, 1));
  }
  return taken;
}

export function createBatches(db: Sql, cap = BATCH_CAP): CreateBatches {
  const workspaces = new Map<number, { queue: Waiting[]; writers: number }>();

  const commit = async (batch: Waiting[]) => {
    try {
      const written = await db.transaction((tx) =>
        writeCreates(
          tx,
          batch.map((waiting) => waiting.create),
        ),
      );
      for (const [i, waiting] of batch.entries()) waiting.resolve(written[i]!);
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // The batch rolled back whole; written one by one, each create succeeds or fails on its own.
      for (const waiting of batch) await commit([waiting]);
    }
  };

  const write = async (workspaceId: number, state: { queue: Waiting[]; writers: number }) => {
    // One turn of the event loop first: creates whose reads are already under way join the first batch
    // (on the embedded database, whose one connection runs them in turn, that is the only way they meet).
    await new Promise((resolve) => setImmediate(resolve));
    while (state.queue.length > 0) await commit(takeBatch(state.queue, cap));
    if (--state.writers === 0) workspaces.delete(workspaceId);
  };

  return {
    submit(create) {
      return new Promise((resolve, reject) => {
        let state = workspaces.get(create.workspaceId);
        if (!state) {
          state = { queue: [], writers: 0 };
          workspaces.set(create.workspaceId, state);
        }
        state.queue.push({ create, resolve, reject });
        if (state.writers < WRITERS) {
          state.writers += 1;
          void write(create.workspaceId, state);
        }
      });
    },
  };
}
