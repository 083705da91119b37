import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { testDatabase } from "../../test/setup.ts";
import type { Actor } from "../domain/access.ts";
import { listKeys } from "../store/keys.ts";
import { authenticate, revokeApiKey } from "./credentials.ts";
import { bootstrap } from "./workspaces.ts";

describe("bootstrap", async () => {
  const db = await testDatabase();
  const ctx = { db, now: () => new Date() };

  test("makes the default workspace once; a chosen admin key is minted once and survives restarts", async () => {
    const first = await bootstrap(db, "bootstrap-admin-key-one");
    assert.equal(first.workspace.slug, "default");
    assert.equal(first.newKey, null, "a chosen key is never printed");
    const again = await bootstrap(db, "bootstrap-admin-key-one");
    assert.equal(again.workspace.id, first.workspace.id);
    assert.equal((await listKeys(db, first.workspace.id)).length, 1);
    assert.ok(await authenticate(db, "bootstrap-admin-key-one"));
  });

  test("a new chosen key joins the existing workspace as another admin key", async () => {
    const { workspace } = await bootstrap(db, "bootstrap-admin-key-two");
    assert.equal((await listKeys(db, workspace.id)).length, 2);
    assert.deepEqual((await authenticate(db, "bootstrap-admin-key-two"))?.scopes, ["admin"]);
  });

  test("a revoked chosen key is refused, not brought back, and changes nothing", async () => {
    const admin = (await authenticate(db, "bootstrap-admin-key-one")) as Actor;
    const two = (await authenticate(db, "bootstrap-admin-key-two")) as Actor;
    await revokeApiKey(ctx, admin, Number(two.context.keyId));
    await assert.rejects(
      bootstrap(db, "bootstrap-admin-key-two"),
      /CASEWORK_ADMIN_KEY names a key that was revoked/,
    );
    assert.equal(await authenticate(db, "bootstrap-admin-key-two"), null);
    assert.equal((await listKeys(db, admin.workspaceId)).length, 2);
  });
});
