/** `keys create --server`: mints a key through a running server's API, for when its database is in use. */

export interface RemoteKeyInput {
  server: string;
  /** An admin key of the server's workspace. */
  key: string;
  name: string;
  scopes: string[];
  /** The email of the user the new key acts as; default: the calling key's user. */
  userEmail: string | undefined;
  expiresAt: Date | null;
}

export interface RemoteKey {
  id: string;
  key: string;
  scopes: string[];
  expiresAt: string | null;
}

interface Problem {
  detail?: string;
}

async function call<T>(input: RemoteKeyInput, method: string, path: string, body?: unknown): Promise<T> {
  const url = new URL(`/api/v1${path}`, input.server);
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${input.key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new Error(`Cannot reach ${input.server}: ${(error as Error).message}.`);
  }
  const payload = (await res.json().catch(() => ({}))) as T & Problem;
  if (!res.ok) throw new Error(`${url.origin} answered ${res.status}: ${payload.detail ?? res.statusText}`);
  return payload;
}

/** The id of the user with `email`, walking the server's user list. */
async function userIdOf(input: RemoteKeyInput, email: string): Promise<string> {
  let cursor: string | null = null;
  do {
    const query: string = `?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page: { data: { id: string; email: string }[]; next: string | null } = await call(
      input,
      "GET",
      `/users${query}`,
    );
    const found = page.data.find((user) => user.email.toLowerCase() === email.toLowerCase());
    if (found) return found.id;
    cursor = page.next;
  } while (cursor);
  throw new Error(`No user of the server's workspace has the email ${email} (see: GET /api/v1/users).`);
}

export async function createKeyRemotely(input: RemoteKeyInput): Promise<RemoteKey> {
  const userId = input.userEmail ? await userIdOf(input, input.userEmail) : undefined;
  return call<RemoteKey>(input, "POST", "/keys", {
    name: input.name,
    scopes: input.scopes,
    ...(userId ? { userId } : {}),
    ...(input.expiresAt ? { expiresAt: input.expiresAt.toISOString() } : {}),
  });
}
