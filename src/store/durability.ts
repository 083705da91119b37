/** Refuses database settings under which an acknowledged write could be lost when the server process dies. */
import type { Database } from "./db.ts";

/**
 * With `synchronous_commit = off` a commit is acknowledged before its WAL is written: on PostgreSQL a
 * crash of the database loses it, and on PGlite (whose WAL writer is this very process) a crash of the
 * server does. With `fsync = off`, PostgreSQL loses it to an operating-system crash. PGlite always runs
 * without fsync (its file system layer has none); that limit is documented rather than refused, since
 * it cannot be changed.
 */
export async function assertDurableSettings(db: Database): Promise<void> {
  const [row] = await db.query<{ synchronous_commit: string; fsync: string }>(
    "select current_setting('synchronous_commit') as synchronous_commit, current_setting('fsync') as fsync",
  );
  const unsafe: string[] = [];
  if (row?.synchronous_commit === "off") unsafe.push("synchronous_commit = off");
  if (db.kind === "postgres" && row?.fsync !== "on") unsafe.push("fsync = off");
  if (unsafe.length)
    throw new Error(
      `The database runs with ${unsafe.join(" and ")}: acknowledged writes could be lost in a crash. ` +
        "Casework refuses to run on it; restore the default setting.",
    );
}
