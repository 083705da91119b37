/**
 * Advisory locks that serialise servers sharing one database schema, held until the transaction ends. Each is
 * taken per schema: servers (or test runs) of different schemas in one database never wait for each other.
 */
import type { Sql } from "./db.ts";

export const SCHEMA_LOCKS = {
  migrations: 727_001,
  directory: 727_002,
  firstAdmin: 727_050,
} as const;

export async function lockSchema(sql: Sql, lock: keyof typeof SCHEMA_LOCKS): Promise<void> {
  await sql.query("select pg_advisory_xact_lock($1, hashtext(current_schema()))", [SCHEMA_LOCKS[lock]]);
}
