/** One listener per process for committed events; the dispatcher and every open stream are woken by it. */
import type { Database } from "../store/db.ts";

export interface EventHub {
  /** Calls `wake` after each commit that wrote events; returns the unsubscribe function. */
  subscribe(wake: () => void): () => void;
  /** Wakes every subscriber (used after this process committed, and by tests). */
  wake(): void;
  close(): Promise<void>;
}

/** Listens lazily: a process with neither subscribers nor streams holds no listening connection. */
export function eventHub(db: Pick<Database, "listen">): EventHub {
  const subscribers = new Set<() => void>();
  let stop: Promise<() => Promise<void>> | null = null;
  let closed = false;
  const wake = () => {
    for (const subscriber of subscribers) subscriber();
  };
  return {
    subscribe(subscriber) {
      subscribers.add(subscriber);
      if (!stop && !closed) {
        stop = db.listen(wake);
        // A listener that cannot start leaves the subscribers to their polling; the next one tries again.
        stop.catch(() => {
          stop = null;
        });
      }
      return () => subscribers.delete(subscriber);
    },
    wake,
    async close() {
      closed = true;
      subscribers.clear();
      const stopping = stop;
      stop = null;
      if (stopping) await (await stopping.catch(() => async () => {}))();
    },
  };
}
