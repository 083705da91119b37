/**
 * `npm run bench:webhooks`: what webhook delivery costs the write path. In one run, against one server
 * process, create-case load alternates (A B B A) between no subscribers and three active ones (each a loopback
 * receiver); it reports creates/s for both, their ratio, and the delivery lag (commit to receipt) p50/p99.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { type BenchDatabase, onEachDatabase } from "./databases.ts";
import { prepareFixture } from "./fixture.ts";
import { httpLoad } from "./http-load.ts";
import { percentile, round } from "./measure.ts";
import { SCENARIOS } from "./scenarios.ts";
import { startCasework } from "./server-process.ts";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "pglite" },
    duration: { type: "string", default: "5" },
    connections: { type: "string", default: "10" },
    rounds: { type: "string", default: "2" },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const create = SCENARIOS.find((s) => s.name === "create")!;

/** A receiver that answers 204 at once and notes how long after its event's time each request came. */
async function receiver() {
  const lags: number[] = [];
  const ids = new Set<string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const message = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id: string; timestamp: string };
      if (!ids.has(message.id)) lags.push(Date.now() - Date.parse(message.timestamp));
      ids.add(message.id);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    lags,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function api(url: string, key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    ...(method === "GET" ? {} : { body: JSON.stringify(body ?? {}) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ id: string; data: unknown[] }>;
}

async function runOn(database: BenchDatabase) {
  const db = await database.open();
  const fx = await prepareFixture(db, 200);
  await db.close();
  const server = await startCasework(
    { ...database.env, CASEWORK_WEBHOOKS_ALLOW_PRIVATE: "true" },
    fx.adminKey,
  );
  const receivers = await Promise.all([receiver(), receiver(), receiver()]);
  const load = { connections, duration };
  try {
    const hooks: { id: string }[] = [];
    for (const r of receivers)
      hooks.push(
        await api(server.url, fx.adminKey, "POST", "/webhooks", {
          url: r.url,
          topics: ["case.*"],
          active: false,
        }),
      );
    const setActive = (active: boolean) =>
      Promise.all(hooks.map((h) => api(server.url, fx.adminKey, "PATCH", `/webhooks/${h.id}`, { active })));
    const without: number[] = [];
    const withThree: number[] = [];
    const cpu = { without: [] as number[], withThree: [] as number[] };
    const drain = async () => {
      for (;;) {
        const pending = await Promise.all(
          hooks.map((h) =>
            api(server.url, fx.adminKey, "GET", `/webhooks/${h.id}/deliveries?state=pending&limit=1`),
          ),
        );
        if (pending.every((p) => p.data.length === 0)) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const phase = async (subscribed: boolean) => {
      await setActive(subscribed);
      const measured = await httpLoad({ ...server, adminKey: fx.adminKey }, create, fx, load);
      (subscribed ? withThree : without).push(measured.requestsPerSecond);
      (subscribed ? cpu.withThree : cpu.without).push(measured.serverCpuMsPerRequest ?? 0);
      // Drained before the next phase, so a quiet phase measures creates alone.
      await drain();
    };
    // A warm-up first (JIT, caches), not counted; then A B B A per round, so drift weighs on both alike.
    await httpLoad({ ...server, adminKey: fx.adminKey }, create, fx, {
      ...load,
      duration: Math.min(duration, 3),
    });
    for (let round = 0; round < rounds; round++)
      for (const subscribed of [false, true, true, false]) await phase(subscribed);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const lags = receivers.flatMap((r) => r.lags).sort((a, b) => a - b);
    return {
      database: database.kind,
      createsPerSecondWithout: round(mean(without)),
      createsPerSecondWithThreeSubscribers: round(mean(withThree)),
      ratio: round(mean(withThree) / mean(without), 3),
      phases: { without, withThree, cpuMsPerCreate: cpu },
      // The server's CPU per create, delivery included: steadier than creates/s on a shared machine.
      serverCpuMsPerCreate: {
        without: round(mean(cpu.without), 2),
        withThree: round(mean(cpu.withThree), 2),
      },
      deliveries: lags.length,
      lagP50Ms: percentile(lags, 0.5),
      lagP99Ms: percentile(lags, 0.99),
    };
  } finally {
    await server.stop();
    await Promise.all(receivers.map((r) => r.close()));
  }
}

await onEachDatabase(values.database, runOn);
