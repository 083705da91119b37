import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { isolatedEnv, runCliInProcess as runCli, runCli as runProcess } from "../../test/processes.ts";
import { loadConfig } from "../config.ts";
import { openDatabase } from "../store/open.ts";

describe("casework import", async () => {
  const env = await isolatedEnv();
  const dir = mkdtempSync(join(tmpdir(), "casework-import-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, lines: unknown[]) => {
    const path = join(dir, name);
    writeFileSync(
      path,
      lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n"),
    );
    return path;
  };
  const countCases = async () => {
    const db = await openDatabase(loadConfig(env));
    try {
      return Number((await db.query<{ n: number }>("select count(*)::int as n from cases"))[0]!.n);
    } finally {
      await db.close();
    }
  };
  assert.equal((await runCli(["workspaces", "create", "default"], env)).status, 0);

  test("imports an NDJSON file with timelines, then synthetic cases, numbering on", async () => {
    const good = file("good.ndjson", [
      { title: "Printer on fire", priority: "urgent", createdAt: "2025-05-01T10:00:00Z", tags: ["hardware"] },
      "",
      {
        title: "Refund please",
        status: "pending",
        timeline: [
          { kind: "message", body: "I want my money back" },
          { kind: "note", body: "VIP" },
        ],
      },
    ]);
    const imported = runProcess(["import", good], env);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /^Imported 2 cases \(1–2\) with 2 timeline entries in [\d.]+ s\.\n$/);
    const synthetic = await runCli(["import", "--synthetic", "30", "--batch", "7"], env);
    assert.equal(synthetic.status, 0, synthetic.stderr);
    assert.match(synthetic.stdout, /^Imported 30 cases \(3–32\) with 60 timeline entries/);
    assert.equal(await countCases(), 32);
  });

  test("a bad line names the line and the field, and nothing is imported", async () => {
    const before = await countCases();
    const bad = file("bad.ndjson", [{ title: "fine" }, { title: "", colour: "red" }]);
    const refused = await runCli(["import", bad], env);
    assert.equal(refused.status, 1);
    assert.match(
      refused.stderr,
      /^casework: line 2: colour is not a known field; line 2: title must NOT have fewer than 1 characters\n$/,
    );
    const notJson = await runCli(["import", file("broken.ndjson", [{ title: "fine" }, "{nope"])], env);
    assert.equal(notJson.status, 1);
    assert.equal(notJson.stderr, "casework: line 2: not valid JSON\n");
    const rule = await runCli(["import", file("rule.ndjson", [{ title: "x", status: "closed" }])], env);
    assert.equal(rule.status, 1);
    assert.match(rule.stderr, /cases\.0\.status/);
    assert.equal(await countCases(), before);
  });

  test("it takes a file or --synthetic, not both or neither", async () => {
    const neither = await runCli(["import"], env);
    assert.equal(neither.status, 1);
    assert.equal(neither.stderr, "casework: Give either an NDJSON file or --synthetic <count>.\n");
    assert.equal((await runCli(["import", "x.ndjson", "--synthetic", "3"], env)).status, 1);
    assert.equal((await runCli(["import", "--synthetic", "lots"], env)).status, 1);
  });
});
