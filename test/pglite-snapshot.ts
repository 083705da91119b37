/**
 * A migrated, empty PGlite database as an archive, made once per machine and reused by every test file: a
 * fresh embedded database otherwise runs initdb and every migration, seconds of CPU per database. The archive
 * is named by a hash of the migrations and the PGlite version, so a changed migration makes a new one; each
 * database opened from it is still migrated (a no-op that proves it up to date).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "../src/store/migrate.ts";
import { openPglite } from "../src/store/pglite.ts";

const migrationsDir = new URL("../src/store/migrations/", import.meta.url);
const pgliteVersion = (
  JSON.parse(
    readFileSync(new URL("../node_modules/@electric-sql/pglite/package.json", import.meta.url), "utf8"),
  ) as { version: string }
).version;

function snapshotPath(): string {
  const hash = createHash("sha256").update(pgliteVersion);
  for (const file of readdirSync(migrationsDir).sort())
    hash.update(file).update(readFileSync(new URL(file, migrationsDir)));
  return join(tmpdir(), `casework-test-pglite-${hash.digest("hex").slice(0, 16)}.tar`);
}

async function makeSnapshot(path: string): Promise<Blob> {
  const db = await openPglite();
  try {
    await migrate(db);
    const snapshot = await db.snapshot();
    // Written aside and renamed, so a test file started at the same moment never reads half an archive.
    const partial = `${path}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await snapshot.arrayBuffer()));
    renameSync(partial, path);
    return snapshot;
  } finally {
    await db.close();
  }
}

let loaded: Promise<Blob> | undefined;

/** The archive of a migrated database, read from disk or made now. */
export function migratedSnapshot(): Promise<Blob> {
  loaded ??= (async () => {
    const path = snapshotPath();
    try {
      return new Blob([readFileSync(path)]);
    } catch {
      return makeSnapshot(path);
    }
  })();
  return loaded;
}
