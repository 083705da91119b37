/**
 * Group commit of creates: the creates of one workspace that arrive while its batches are being written wait,
 * and are then written together, up to a cap, in one transaction. Batches (of this process and of others)
 * queue on the workspace's counter row, so numbers follow commit order without a gap.
 */
import type { Sql } from "../../store/db.ts";
import type { CaseWithEntries, PreparedCreate } from "./create-case.ts";
import { writeCreates } from "./write-creates.ts";

/** The most creates written in one transaction. */
export const BATCH_CAP = 32;

/**
 * Batches of one workspace in flight at once: while one commits, the next has begun and waits for the
 * counter row, so it starts writing the moment the first commits.
 */
const WRITERS = 2;

interface Waiting {
  create: PreparedCreate;
  resolve: (written: CaseWithEntries) => void;
  reject: (error: unknown) => void;
}

export interface CreateBatches {
  /** Resolves once the create's batch has committed; rejects with its own failure only. */
  submit(create: PreparedCreate): Promise<CaseWithEntries>;
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
    while (state.queue.length > 0) await commit(state.queue.splice(0, cap));
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
