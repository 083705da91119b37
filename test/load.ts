/**
 * Write load against a running server over HTTP: workers create cases (each with one note; every other one
 * with an Idempotency-Key) and update the ones already acknowledged. It records what the server acknowledged
 * (2xx) and every other answer.
 */

export interface Answer {
  status: number;
  body: string;
  contentType: string | null;
  retryAfter: string | null;
}

export interface Acknowledged {
  /** Case number → the title and note it was created with. */
  creates: Map<number, { title: string; note: string }>;
  /** Case number → the highest revision an update of it was acknowledged at. */
  revisions: Map<number, number>;
  /** Answers other than 2xx. */
  refusals: Answer[];
  /** Requests that got no answer: the connection failed (a killed server) or the client timed out. */
  unanswered: { error: string; timedOut: boolean }[];
  /** Every create sent with an Idempotency-Key, with the number it was acknowledged with (null if none). */
  keyed: KeyedCreate[];
}

export interface KeyedCreate {
  key: string;
  title: string;
  note: string;
  number: number | null;
}

/** The body of a load create. */
export const loadCreate = (create: { title: string; note: string }) => ({
  title: create.title,
  timeline: [{ kind: "note", body: create.note }],
});

export const emptyAcknowledged = (): Acknowledged => ({
  creates: new Map(),
  revisions: new Map(),
  refusals: [],
  unanswered: [],
  keyed: [],
});

export interface Load {
  acknowledged: Acknowledged;
  /** Requests answered so far, 2xx or not. */
  answered(): number;
  stop(): Promise<Acknowledged>;
}

/**
 * Starts `workers` loops against `url`; each request gives up after `timeoutMs`. `run` names the load in its
 * titles and keys, so that loads against one database never send the same key or title.
 */
export function startLoad(
  url: string,
  key: string,
  options: { workers?: number; timeoutMs?: number; run?: string } = {},
): Load {
  const acknowledged = emptyAcknowledged();
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const run = options.run ?? "";
  let running = true;
  let answered = 0;
  let serial = 0;

  async function call(method: string, path: string, body: unknown, idempotencyKey?: string) {
    try {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: idempotencyKey ? { ...headers, "idempotency-key": idempotencyKey } : headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      const text = await res.text();
      answered++;
      if (res.ok) return JSON.parse(text) as { number: number; revision: number };
      acknowledged.refusals.push({
        status: res.status,
        body: text,
        contentType: res.headers.get("content-type"),
        retryAfter: res.headers.get("retry-after"),
      });
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError";
      acknowledged.unanswered.push({ error: String(error), timedOut });
      // A refused connection answers at once; pause so a dead server is not spun on.
      if (!timedOut) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return null;
  }

  async function worker() {
    while (running) {
      const known = [...acknowledged.creates.keys()];
      if (known.length > 0 && serial % 3 === 2) {
        const number = known[serial++ % known.length]!;
        const updated = await call("PATCH", `/api/v1/cases/${number}`, { description: `update ${serial}` });
        if (updated)
          acknowledged.revisions.set(
            number,
            Math.max(updated.revision, acknowledged.revisions.get(number) ?? 1),
          );
      } else {
        const n = serial++;
        const title = `Load case ${run}${n}`;
        const note = `Note of load case ${run}${n}`;
        const idempotencyKey = n % 2 === 0 ? `load-${run}${n}` : undefined;
        const created = await call("POST", "/api/v1/cases", loadCreate({ title, note }), idempotencyKey);
        if (idempotencyKey)
          acknowledged.keyed.push({ key: idempotencyKey, title, note, number: created?.number ?? null });
        if (created) {
          acknowledged.creates.set(created.number, { title, note });
          acknowledged.revisions.set(
            created.number,
            Math.max(created.revision, acknowledged.revisions.get(created.number) ?? 1),
          );
        }
      }
    }
  }

  const loops = Array.from({ length: options.workers ?? 8 }, worker);
  return {
    acknowledged,
    answered: () => answered,
    async stop() {
      running = false;
      await Promise.all(loops);
      return acknowledged;
    },
  };
}
