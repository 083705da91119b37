/**
 * Reads shared by turn: the asks of one group made in one turn of the event loop are answered by one call,
 * which starts after all of them were asked, so none is answered from before its ask. When that call fails
 * for several asks, each is read again alone, so one ask's failure (a value the database refuses) is its own.
 */
interface Asked<Q, A> {
  query: Q;
  resolve: (answer: A) => void;
  reject: (error: unknown) => void;
}

/**
 * `read(group, queries)` answers the queries of one group in their order; the function returned asks one
 * query of the group named by `key` (asks with one key share a read).
 */
export function readByTurn<G, Q, A>(
  key: (group: G) => string,
  read: (group: G, queries: Q[]) => Promise<A[]>,
): (group: G, query: Q) => Promise<A> {
  const pending = new Map<string, Asked<Q, A>[]>();

  const run = async (group: G, asked: Asked<Q, A>[]): Promise<void> => {
    try {
      const answers = await read(
        group,
        asked.map((one) => one.query),
      );
      for (const [i, one] of asked.entries()) one.resolve(answers[i]!);
    } catch (error) {
      if (asked.length === 1) return asked[0]!.reject(error);
      await Promise.all(asked.map((one) => run(group, [one])));
    }
  };

  return (group, query) =>
    new Promise((resolve, reject) => {
      const named = key(group);
      let asked = pending.get(named);
      if (!asked) {
        const started: Asked<Q, A>[] = [];
        asked = started;
        pending.set(named, started);
        setImmediate(() => {
          pending.delete(named);
          void run(group, started);
        });
      }
      asked.push({ query, resolve, reject });
    });
}
