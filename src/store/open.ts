/** Opens the configured database: PostgreSQL with DATABASE_URL, else PGlite in the data directory. */
import type { Config } from "../config.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import type { Database } from "./db.ts";
import { openPostgres } from "./postgres.ts";

export async function openDatabase(
  config: Pick<
    Config,
    "databaseUrl" | "databasePoolSize" | "databaseConnectTimeoutMs" | "databaseQueryTimeoutMs" | "dataDir"
  >,
): Promise<Database> {
  if (config.databaseUrl)
    return openPostgres({
      url: config.databaseUrl,
      poolSize: config.databasePoolSize,
      connectTimeoutMs: config.databaseConnectTimeoutMs,
      queryTimeoutMs: config.databaseQueryTimeoutMs,
    });
  const release = lockDataDir(config.dataDir);
  try {
    // Loaded only when used: the embedded engine's module alone holds ~45 MB a PostgreSQL server never needs.
    const { openPglite } = await import("./pglite.ts");
    const db = await openPglite(config.dataDir);
    return {
      ...db,
      async close() {
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
