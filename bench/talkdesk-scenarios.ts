/**
 * Talkdesk dialect scenarios: a create with notes and flat custom fields, and a filtered HAL list with its
 * total. Over HTTP they present the admin key as the bearer token (the dialect accepts API keys; an OAuth
 * token is verified once and then remembered the same way).
 */
import { createInput } from "../src/http/talkdesk/case-input.ts";
import { readListQuery } from "../src/http/talkdesk/list-query.ts";
import { fieldsOf } from "../src/ops/admin/fields.ts";
import { findCasePage, getCaseView } from "../src/ops/cases/case-views.ts";
import { createCase } from "../src/ops/cases/create-case.ts";
import type { OpContext } from "../src/ops/context.ts";
import type { Fixture } from "./fixture.ts";
import type { Scenario } from "./scenarios.ts";

let sequence = 0;

const wireCase = (fx: Fixture) => {
  const n = ++sequence;
  return {
    title: `Headset ${n} drops calls`,
    description: "The agent's headset disconnects every few minutes during calls.",
    priority: "HIGH",
    custom_fields: { [fx.fields.product]: "phone", [fx.fields.score]: n % 100, [fx.fields.region]: "emea" },
    notes: [
      { note_title: "Call", note_body: "Customer called about dropped calls.", public: true },
      { note_body: "Swapped the cable; still dropping." },
    ],
  };
};

const LIST_QUERY = { status: "NEW,OPEN", priority: '["Normal","High"]', order_by: "update_at", per_page: 20 };
const LIST_PATH =
  "/cm/core/va/cases?status=NEW,OPEN&priority=%5B%22Normal%22%2C%22High%22%5D&order_by=update_at&per_page=20";

export const TALKDESK_SCENARIOS: Scenario[] = [
  {
    name: "talkdesk-create",
    status: 201,
    request: (fx) => ({ method: "POST", path: "/cm/core/va/cases", body: wireCase(fx) }),
    async direct(fx, ctx: OpContext) {
      const definitions = await fieldsOf(ctx, fx.actor, "case");
      const created = await createCase(ctx, fx.actor, {
        ...createInput(wireCase(fx), definitions),
        requireResolution: true,
      });
      return getCaseView(ctx, fx.actor, created.case.number);
    },
  },
  {
    name: "talkdesk-list",
    status: 200,
    request: () => ({ method: "GET", path: LIST_PATH }),
    async direct(fx, ctx: OpContext) {
      const { filter, sort, perPage } = readListQuery(LIST_QUERY, await fieldsOf(ctx, fx.actor, "case"));
      return findCasePage(ctx, fx.actor, { filter, sort, offset: 0, limit: perPage });
    },
  },
];
