/** Khoros object meta: the custom fields of cases and customers, declared from Casework's field definitions. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../auth.ts";
import { khorosError } from "../errors.ts";
import { KHOROS_OBJECTS, type KhorosObject, metaOf } from "../fields.ts";
import type { KhorosOptions } from "../plugin.ts";
import { MetaParams } from "../schemas.ts";
import { viewFor } from "../view.ts";

const isKhorosObject = (type: string): type is KhorosObject => Object.hasOwn(KHOROS_OBJECTS, type);

export async function khorosMetaRoutes(instance: FastifyInstance, { ctx, publicUrl }: KhorosOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/meta/object/:type",
    { config: { scope: "cases:read" }, schema: { params: MetaParams } },
    async (request, reply) => {
      const { type } = request.params;
      if (!isKhorosObject(type))
        return khorosError(reply, 404, "route_not_found", `Meta type not supported: ${type}.`);
      const view = await viewFor(ctx, request, actorOf(request), publicUrl);
      return metaOf(type, view.declared[type]);
    },
  );
}
