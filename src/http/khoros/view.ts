/** What every Khoros response needs besides the data: the declared fields and the links into Casework. */
import type { FastifyRequest } from "fastify";
import type { Actor } from "../../domain/access.ts";
import type { Case } from "../../domain/cases/case.ts";
import type { FieldDefinition } from "../../domain/fields/definition.ts";
import { fieldsOf } from "../../ops/admin/fields.ts";
import { interactionsOf } from "../../ops/cases/read-cases.ts";
import type { OpContext } from "../../ops/context.ts";
import { getSettings } from "../../ops/workspaces.ts";
import { casePagePath, contactPagePath, publicBase } from "../pages/paths.ts";
import { declaredFields, type KhorosObject } from "./fields.ts";
import { type Links, presentCase } from "./present.ts";

/** A case shows its newest interactions up to this many; the case page shows the whole timeline. */
const INTERACTIONS_PER_CASE = 500;

export interface KhorosView {
  actor: Actor;
  links: Links;
  declared: Record<KhorosObject, FieldDefinition[]>;
}

export async function viewFor(
  ctx: OpContext,
  request: FastifyRequest,
  actor: Actor,
  publicUrl: string | undefined,
): Promise<KhorosView> {
  const [workspace, definitions] = await Promise.all([getSettings(ctx, actor), fieldsOf(ctx, actor)]);
  const base = publicBase(publicUrl, request);
  return {
    actor,
    links: {
      caseUrl: (number) => base + casePagePath(workspace.slug, number),
      customerUrl: (id) => base + contactPagePath(workspace.slug, id),
    },
    declared: {
      case: declaredFields("case", definitions, actor),
      customer: declaredFields("customer", definitions, actor),
    },
  };
}

/** Cases in the Khoros shape, each with its interactions (read for all of them at once). */
export async function presentCases(ctx: OpContext, view: KhorosView, cases: readonly Case[]) {
  const interactions = await interactionsOf(ctx, view.actor, cases, INTERACTIONS_PER_CASE);
  return cases.map((c) => presentCase(c, interactions.get(c.number) ?? [], view.declared.case, view.links));
}
