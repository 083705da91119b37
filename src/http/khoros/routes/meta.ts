/** Khoros object meta: the custom fields of cases and customers, declared from Casework's field definitions. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { DialectOptions } from "../../dialect.ts";
import { actorOf } from "../../dialect.ts";
import { EdgeProblem } from "../../errors.ts";
import { KHOROS_OBJECTS, type KhorosObject, metaOf } from "../fields.ts";
import { MetaParams } from "../schemas.ts";
import { viewFor } from "../view.ts";

const isKhorosObject = (type: string): type is KhorosObject => Object.hasOwn(KHOROS_OBJECTS, type);

export async function khorosMetaRoutes(instance: FastifyInstance, { ctx, publicUrl }: DialectOptions) {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/meta/object/:type",
    { config: { action: "directory.read" }, schema: { params: MetaParams } },
    async (request) => {
      const { type } = request.params;
      if (!isKhorosObject(type))
        throw new EdgeProblem("route_not_found", `Meta type not supported: ${type}.`);
      const view = await viewFor(ctx, request, actorOf(request), publicUrl);
      return metaOf(type, view.declared[type]);
    },
  );
}
