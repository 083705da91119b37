import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { testDatabase } from "../../test/setup.ts";
import type { Actor } from "../domain/access.ts";
import type { Sql } from "../store/db.ts";
import { createAccount, createUser, updateAccount, updateUser } from "./admin/directory.ts";
import { authenticate, createKey } from "./credentials.ts";
import { bootstrap } from "./workspaces.ts";

describe("verified keys are remembered, and forgotten when a key may be withdrawn", async () => {
  const db = await testDatabase();
  await bootstrap(db, "verified-keys-admin-key");
  const admin = (await authenticate(db, "verified-keys-admin-key")) as Actor;
  const ctx = { db, now: () => new Date() };
  let queries = 0;
  const counting: Sql = {
    ...db,
    query: (text, params) => {
      queries += 1;
      return db.query(text, params);
    },
  };

  const keyOfNewUser = async (email: string) => {
    const user = await createUser(ctx, admin, { accountId: admin.accountId, email, name: email });
    const minted = await createKey(ctx, admin, { name: email, scopes: ["cases:read"], userId: user.id });
    return { user, secret: minted.secret };
  };

  test("a verified key needs no query the second time; an unknown one is asked every time", async () => {
    const { secret } = await keyOfNewUser("remembered@example.com");
    queries = 0;
    assert.equal((await authenticate(counting, secret))?.label, "remembered@example.com");
    assert.equal((await authenticate(counting, secret))?.label, "remembered@example.com");
    assert.equal(queries, 1);
    assert.equal(await authenticate(counting, "cw_unknown"), null);
    assert.equal(await authenticate(counting, "cw_unknown"), null);
    assert.equal(queries, 3);
  });

  test("deactivating the user or retyping the account takes effect at once", async () => {
    const { user, secret } = await keyOfNewUser("leaver@example.com");
    assert.ok(await authenticate(db, secret));
    await updateUser(ctx, admin, user.id, { active: false });
    assert.equal(await authenticate(db, secret), null);

    const account = await createAccount(ctx, admin, { name: "Customer", type: "operations" });
    const client = await createUser(ctx, admin, { accountId: account.id, email: "c@example.com", name: "C" });
    const minted = await createKey(ctx, admin, { name: "c", scopes: ["cases:read"], userId: client.id });
    assert.equal((await authenticate(db, minted.secret))?.accountType, "operations");
    await updateAccount(ctx, admin, account.id, { type: "client" });
    assert.equal((await authenticate(db, minted.secret))?.accountType, "client");
  });
});
