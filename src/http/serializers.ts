/**
 * Response serializers, compiled once per process. Fastify compiles one fast-json-stringify function per
 * route and status for every app it builds; the schemas are module constants, so an app built again in the
 * same process (each test file builds several) reuses the functions compiled for the first.
 */
import { SerializerSelector } from "@fastify/fast-json-stringify-compiler";
import type { FastifyServerOptions } from "fastify";

type Serialize = (data: unknown) => string;
type RouteSchema = { schema: object; method: string; url: string; httpStatus: string; contentType?: string };

const buildSerializer = SerializerSelector();
/** Per response schema, the serializer and the shared schemas (`$ref` targets) it was compiled against. */
const compiled = new WeakMap<object, { shared: unknown[]; serialize: Serialize }[]>();

const sameSchemas = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((schema, i) => schema === b[i]);

function reusingSerializers(externalSchemas: Record<string, unknown>, options: unknown) {
  const compile = buildSerializer(externalSchemas as never, options as never) as (
    route: RouteSchema,
  ) => Serialize;
  const shared = Object.values(externalSchemas ?? {});
  return (route: RouteSchema): Serialize => {
    const known = compiled.get(route.schema) ?? [];
    const found = known.find((entry) => sameSchemas(entry.shared, shared));
    if (found) return found.serialize;
    const serialize = compile(route);
    compiled.set(route.schema, [...known, { shared, serialize }]);
    return serialize;
  };
}

export const schemaController: FastifyServerOptions["schemaController"] = {
  compilersFactory: { buildSerializer: reusingSerializers as never },
};
