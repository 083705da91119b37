/** The scopes an OAuth client may hold (the Talkdesk Case API's names) and how a token request narrows them. */

export const CLIENT_SCOPES = [
  "cases-public:read",
  "cases-public:write",
  "case-notes-public:write",
  "case-fields-public:read",
] as const;
export type ClientScope = (typeof CLIENT_SCOPES)[number];

export const isClientScope = (scope: string): scope is ClientScope =>
  (CLIENT_SCOPES as readonly string[]).includes(scope);

/**
 * The scopes a token gets: all the client holds when none are asked for, else exactly those asked for
 * (space-separated, RFC 6749 §3.3), which must all be held. Null when any asked-for scope is not held.
 */
export function grantedScopes(
  held: readonly ClientScope[],
  requested: string | undefined,
): ClientScope[] | null {
  const asked = (requested ?? "").split(" ").filter((scope) => scope.length > 0);
  if (asked.length === 0) return [...held];
  const unique = [...new Set(asked)];
  return unique.every((scope) => isClientScope(scope) && held.includes(scope))
    ? (unique as ClientScope[])
    : null;
}
