/** Forward-only numbered SQL migrations, applied under an advisory lock so several servers can start at once. */
import { readdirSync, readFileSync } from "node:fs";
import type { Database } from "./db.ts";
import { lockSchema } from "./schema-locks.ts";

const migrationsDir = new URL("./migrations/", import.meta.url);

interface Migration {
  version: number;
  name: string;
  sql: string;
}

function loadMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(new URL(file, migrationsDir), "utf8"),
    }));
}

/** Applies every migration not yet applied; returns the names it applied. */
export async function migrate(db: Database): Promise<string[]> {
  const migrations = loadMigrations();
  return db.transaction(async (tx) => {
    await lockSchema(tx, "migrations");
    await tx.query(
      `create table if not exists schema_migrations (
         version integer primary key, name text not null, applied_at timestamptz not null default now())`,
    );
    const done = new Set(
      (await tx.query<{ version: number }>("select version from schema_migrations")).map(
        (row) => row.version,
      ),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query("insert into schema_migrations (version, name) values ($1, $2)", [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.name);
    }
    return applied;
  });
}
