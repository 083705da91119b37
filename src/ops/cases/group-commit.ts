/**
 * Group commit of creates: the creates of one workspace that arrive while its batch commits wait, and are
 * then written together, up to a cap, in one transaction. One batch per workspace is in flight in a process;
 * batches of several processes queue on the workspace's counter row.
 */
import type { Sql } from "../../store/db.ts";
import type { CaseWithEntries, PreparedCreate } from "./create-case.ts";
import { writeCreates } from "./write-creates.ts";

/** The most creates written in one transaction. */
export const BATCH_CAP = 32;

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
  const queues = new Map<number, Waiting[]>();

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

  const drain = async (workspaceId: number, queue: Waiting[]) => {
    // One turn of the event loop first: creates whose reads are already under way join the first batch
    // (on the embedded database, whose one connection runs them in turn, that is the only way they meet).
    await new Promise((resolve) => setImmediate(resolve));
    while (queue.length > 0) await commit(queue.splice(0, cap));
    queues.delete(workspaceId);
  };

  return {
    submit(create) {
      return new Promise((resolve, reject) => {
        const queue = queues.get(create.workspaceId);
        if (queue) return queue.push({ create, resolve, reject });
        const started: Waiting[] = [{ create, resolve, reject }];
        queues.set(create.workspaceId, started);
        void drain(create.workspaceId, started);
      });
    },
  };
}
