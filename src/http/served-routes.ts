/** The routes the app serves, as registered, and which methods a concrete path has among them. */

/** A route as registered, with `:param` placeholders and a trailing `*` wildcard. */
export interface ServedRoute {
  method: string;
  path: string;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every route the app serves, collected as each is registered, so coverage tables cannot drift. */
    servedRoutes: readonly ServedRoute[];
  }
}

const matches = (pattern: string, path: string): boolean => {
  const wanted = pattern.split("/");
  const given = path.split("/");
  for (const [index, segment] of wanted.entries()) {
    if (segment === "*") return true;
    const part = given[index];
    if (part === undefined) return false;
    if (segment.startsWith(":") ? part === "" : segment !== part) return false;
  }
  return wanted.length === given.length;
};

/**
 * The methods some route serves at `path` (HEAD with every GET, as Fastify answers it), sorted. The CORS
 * preflight's catch-all (`OPTIONS *`) answers any path and says nothing about this one.
 */
export function allowedMethods(routes: readonly ServedRoute[], path: string): string[] {
  const methods = new Set(
    routes.filter((route) => route.path !== "*" && matches(route.path, path)).map((route) => route.method),
  );
  if (methods.has("GET")) methods.add("HEAD");
  return [...methods].sort();
}
