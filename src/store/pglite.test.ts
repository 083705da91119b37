import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { migrate } from "./migrate.ts";
import { openDatabase } from "./open.ts";

/** Every path under `dir` whose permission bits differ from 0700 (directories) or 0600 (files). */
function looseModes(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const path = join(entry.parentPath, entry.name);
    const mode = statSync(path).mode & 0o777;
    const wanted = entry.isDirectory() ? 0o700 : 0o600;
    return mode === wanted ? [] : [`${path} ${mode.toString(8)}`];
  });
}

describe("the embedded data directory", { skip: Boolean(process.env.DATABASE_URL) }, () => {
  const parent = mkdtempSync(join(tmpdir(), "casework-modes-"));
  after(() => rmSync(parent, { recursive: true, force: true }));

  test("is private to its owner: the directory 0700, every file 0600, while open and after close", async () => {
    const dataDir = join(parent, "data");
    const db = await openDatabase({
      databaseUrl: undefined,
      databasePoolSize: 1,
      databaseConnectTimeoutMs: 1000,
      databaseQueryTimeoutMs: 0,
      dataDir,
    });
    await migrate(db);
    assert.equal(statSync(dataDir).mode & 0o777, 0o700);
    assert.deepEqual(looseModes(dataDir).slice(0, 5), []);
    await db.exec("create table filler (x int); insert into filler select generate_series(1, 1000)");
    await db.close();
    assert.ok(readdirSync(dataDir, { recursive: true }).length > 100, "PGlite wrote its files");
    assert.deepEqual(looseModes(dataDir).slice(0, 5), []);
  });

  test("keeps 32 MB of shared buffers, so its WebAssembly memory stays small", async () => {
    const db = await openDatabase({
      databaseUrl: undefined,
      databasePoolSize: 1,
      databaseConnectTimeoutMs: 1000,
      databaseQueryTimeoutMs: 0,
      dataDir: join(parent, "buffers"),
    });
    try {
      const [setting] = await db.query<{ shared_buffers: string }>("show shared_buffers");
      assert.equal(setting!.shared_buffers, "32MB");
      // PostgreSQL's default of 128 MB made it grow to 189 MB at start.
      assert.ok(db.engineMemoryBytes!() < 160 * 2 ** 20, `${db.engineMemoryBytes!()} bytes`);
    } finally {
      await db.close();
    }
  });
});
