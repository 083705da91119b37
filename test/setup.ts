/** Test helpers: a fresh database per test file (PGlite in memory, or a new schema on PostgreSQL). */
import { randomBytes } from "node:crypto";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { type AppDependencies, buildApp } from "../src/http/app.ts";
import type { RateLimits } from "../src/http/rate-limits.ts";
import { bootstrap } from "../src/ops/workspaces.ts";
import type { Database } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { openPglite } from "../src/store/pglite.ts";
import { openPostgres } from "../src/store/postgres.ts";
import { atEnd } from "./cleanup.ts";
import { migratedSnapshot } from "./pglite-snapshot.ts";
import { retryConnecting } from "./retry.ts";

/**
 * Test pools wait long for a connection: a loaded machine (other test runs on the same server) must slow a
 * test down, not fail it. The outage tests set their own short timeouts.
 */
const TEST_CONNECT_TIMEOUT_MS = 30_000;

/** PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite. */
export async function testDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openPglite(undefined, await migratedSnapshot());
    await migrate(db);
    atEnd(() => db.close());
    return db;
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = openPostgres({ url, poolSize: 1, connectTimeoutMs: TEST_CONNECT_TIMEOUT_MS });
  await retryConnecting(() => admin.query(`create schema if not exists ${schema}`));
  const db = openPostgres({ url, schema, poolSize: 10, connectTimeoutMs: TEST_CONNECT_TIMEOUT_MS });
  await retryConnecting(() => migrate(db));
  atEnd(async () => {
    await db.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.close();
  });
  return db;
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  /** The admin key of the default workspace. */
  key: string;
  /** Moves the clock the app sees. */
  clock: { now: Date };
  /** app.inject with the admin key unless headers say otherwise. */
  request(options: InjectOptions & { key?: string | null }): Promise<LightMyRequestResponse>;
}

export interface TestAppOptions {
  db?: Database;
  /** Abuse limits; by default none, so tests can send as many requests as they like. */
  rateLimits?: RateLimits;
  /** The base URL absolute links are built on; by default each request's own origin. */
  publicUrl?: string;
  /** Webhooks may target loopback receivers over http. */
  allowPrivateWebhooks?: boolean;
  /** Further settings of the app (CORS origins, metrics, the body and attachment limits). */
  settings?: Pick<AppDependencies, "corsOrigins" | "metrics" | "bodyLimit" | "attachmentLimit">;
}

let building: Promise<unknown> = Promise.resolve();

/**
 * Builds apps one at a time per process: test files start every describe body at load, and several apps
 * compiling their schemas at once on a busy machine only slow each other down.
 */
export function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const built = building.then(() => buildOneTestApp(options));
  building = built.catch(() => undefined);
  return built;
}

async function buildOneTestApp(options: TestAppOptions): Promise<TestApp> {
  const db = options.db ?? (await testDatabase());
  const key = `cw_test_${randomBytes(16).toString("hex")}`;
  await bootstrap(db, key);
  const clock = { now: new Date("2026-01-05T09:00:00Z") };
  const app = await buildApp({
    db,
    now: () => new Date(clock.now),
    logger: process.env.TEST_LOG ? { level: process.env.TEST_LOG } : false,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    allowPrivateWebhooks: options.allowPrivateWebhooks ?? false,
    ...options.settings,
  });
  atEnd(() => app.close());
  return {
    app,
    db,
    key,
    clock,
    request({ key: useKey, headers, ...rest }) {
      const token = useKey === undefined ? key : useKey;
      return app.inject({
        ...rest,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      });
    },
  };
}
