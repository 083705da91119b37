/** The data every scenario starts from: an admin key, three custom fields and seeded cases. */
import { randomBytes } from "node:crypto";
import { syntheticCases } from "../src/cli/synthetic-cases.ts";
import type { Actor } from "../src/domain/access.ts";
import { createField } from "../src/ops/admin/fields.ts";
import { importCases } from "../src/ops/cases/import-cases.ts";
import { createContact } from "../src/ops/contacts.ts";
import type { OpContext } from "../src/ops/context.ts";
import { authenticate } from "../src/ops/credentials.ts";
import { bootstrap } from "../src/ops/workspaces.ts";
import type { Database } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";

/** Cases a scenario may change, handed out one at a time so no two requests race on one case. */
export class CasePool {
  private readonly free: { number: number; revision: number }[];
  constructor(numbers: number[]) {
    this.free = numbers.map((number) => ({ number, revision: 1 }));
  }
  take() {
    const next = this.free.shift();
    if (!next) throw new Error("the case pool is empty: more connections than pooled cases");
    return next;
  }
  give(number: number, revision: number) {
    this.free.push({ number, revision });
  }
}

export interface Fixture {
  adminKey: string;
  actor: Actor;
  /** Cases 1..seeded exist. */
  seeded: number;
  /** Cases the update scenario changes. */
  pool: CasePool;
  /** The case number the last direct call used (so pgbench can vary it). */
  lastCase: number;
  /** A word the search scenario looks for. */
  searchWord: string;
  /** A contact, the requester of the Khoros creates. */
  customerId: number;
  /** Field keys of the three custom fields. */
  fields: { product: string; score: string; region: string };
}

export const CUSTOM_FIELDS = { product: "product", score: "score", region: "region" } as const;

/** Migrates, bootstraps the default workspace, defines the fields and imports `seed` synthetic cases. */
export async function prepareFixture(db: Database, seed: number): Promise<Fixture> {
  await migrate(db);
  const adminKey = `cw_bench_${randomBytes(16).toString("hex")}`;
  await bootstrap(db, adminKey);
  const actor = (await authenticate(db, adminKey))!;
  const ctx: OpContext = { db, now: () => new Date() };
  await createField(ctx, actor, {
    object: "case",
    key: CUSTOM_FIELDS.product,
    label: "Product",
    type: "select",
    options: ["printer", "laptop", "phone"].map((value) => ({ value, label: value })),
  });
  await createField(ctx, actor, {
    object: "case",
    key: CUSTOM_FIELDS.score,
    label: "Score",
    type: "integer",
  });
  await createField(ctx, actor, { object: "case", key: CUSTOM_FIELDS.region, label: "Region", type: "text" });
  await importCases(ctx, actor, syntheticCases(seed));
  const customer = await createContact(ctx, actor, { name: "Bench Customer", email: "customer@example.com" });
  return {
    adminKey,
    actor,
    seeded: seed,
    pool: new CasePool(Array.from({ length: Math.min(seed, 1000) }, (_, i) => i + 1)),
    lastCase: 1,
    searchWord: "printer",
    customerId: customer.id,
    fields: CUSTOM_FIELDS,
  };
}
