/** The routes an app really serves, read from Fastify's own route tree, so coverage tables cannot drift. */
import type { FastifyInstance } from "fastify";

export interface ServedRoute {
  method: string;
  /** The path as registered, with `:param` placeholders. */
  path: string;
}

/**
 * Parses `printRoutes({ commonPrefix: false })`: each line is a tree branch whose segment continues its
 * parent's path, followed by the methods served there. HEAD (Fastify's mirror of GET) is left out.
 */
export function servedRoutes(app: FastifyInstance): ServedRoute[] {
  const parents: string[] = [];
  const routes: ServedRoute[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const match = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (parents[depth - 1] ?? "") + match[2]!;
    parents[depth] = path;
    parents.length = depth + 1;
    for (const method of (match[3] ?? "").split(", ").filter(Boolean))
      if (method !== "HEAD") routes.push({ method, path });
  }
  return routes;
}
