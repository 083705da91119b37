/** The `keys` commands: create (locally or through a running server), list and revoke API keys. */
import { type Command, Option } from "commander";
import { durationMs } from "../config.ts";
import { SCOPES, type Scope } from "../domain/access.ts";
import type { ApiKey } from "../domain/directory/api-key.ts";
import { parseId } from "../http/ids.ts";
import type { Database } from "../ops/context.ts";
import { createKey, keysOf, revokeApiKey } from "../ops/credentials.ts";
import { operatorOf } from "./operator.ts";
import { createKeyRemotely } from "./remote.ts";

export interface CommandKit {
  print: (line: string) => void;
  withDatabase: <T>(work: (db: Database) => Promise<T>) => Promise<T>;
  workspaceOption: () => Option;
}

function parseScopes(raw: string): Scope[] {
  const scopes = raw.split(",").map((scope) => scope.trim());
  const bad = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (bad.length) throw new Error(`Unknown scope ${bad.join(", ")}; choose from ${SCOPES.join(", ")}.`);
  return scopes as Scope[];
}

/** A duration option ("90d", "12h", "30m", "3600s") in milliseconds. */
export function parseDuration(raw: string, option = "--expires-in"): number {
  const ms = durationMs(raw);
  if (ms === null)
    throw new Error(`${option} takes a number and a unit (s, m, h, d), such as 90d, not "${raw}".`);
  return ms;
}

const keyState = (key: ApiKey, now: Date) =>
  key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt <= now ? "expired" : "live";

interface KeyCreateOptions {
  name: string;
  scopes: string;
  user?: string;
  expiresIn?: string;
  workspace: string;
  server?: string;
  key?: string;
}

const createdLine = (
  id: string | number,
  scopes: readonly string[],
  expiresAt: Date | null,
  secret: string,
) =>
  `Created key ${id} (${scopes.join(", ")}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ""}): ${secret}`;

export function addKeyCommands(program: Command, { print, withDatabase, workspaceOption }: CommandKit) {
  const keysCommand = program.command("keys").description("manage API keys");
  keysCommand
    .command("create")
    .description("create an API key and print it once")
    .requiredOption("--name <name>", "what the key is for")
    .option("--scopes <scopes>", `comma-separated: ${SCOPES.join(", ")}`, "cases:read,cases:write")
    .option("--user <email>", "the user the key acts as (default: the workspace admin)")
    .option("--expires-in <duration>", "the key stops working after this long: 90d, 12h, 30m, 3600s")
    .option(
      "--server <url>",
      "create it through a running server (its database stays in use), such as http://127.0.0.1:8080",
    )
    .addOption(
      new Option("--key <admin key>", "an admin key of that server (or CASEWORK_KEY)").env("CASEWORK_KEY"),
    )
    .addOption(workspaceOption())
    .action(async (options: KeyCreateOptions) => {
      const now = new Date();
      const scopes = parseScopes(options.scopes);
      const expiresAt = options.expiresIn ? new Date(now.getTime() + parseDuration(options.expiresIn)) : null;
      if (options.server) {
        if (!options.key) throw new Error("--server needs --key <admin key> (or CASEWORK_KEY).");
        const minted = await createKeyRemotely({
          server: options.server,
          key: options.key,
          name: options.name,
          scopes,
          userEmail: options.user,
          expiresAt,
        });
        print(createdLine(minted.id, minted.scopes, expiresAt, minted.key));
        return;
      }
      await withDatabase(async (db) => {
        const { actor, userId } = await operatorOf(db, options.workspace, options.user);
        const minted = await createKey({ db, now: () => now }, actor, {
          name: options.name,
          scopes,
          userId,
          expiresAt,
        });
        print(createdLine(minted.key.id, minted.key.scopes, minted.key.expiresAt, minted.secret));
      });
    });
  keysCommand
    .command("list")
    .description("list API keys (never their secrets)")
    .addOption(workspaceOption())
    .action((options: { workspace: string }) =>
      withDatabase(async (db) => {
        const { actor } = await operatorOf(db, options.workspace);
        for (const k of await keysOf({ db, now: () => new Date() }, actor))
          print(
            `${k.id}\t${k.prefix}…\t${k.name}\t${k.scopes.join(",")}\t${keyState(k, new Date())}\t` +
              (k.expiresAt ? `expires ${k.expiresAt.toISOString()}` : "never expires"),
          );
      }),
    );
  keysCommand
    .command("revoke <id>")
    .description("revoke an API key")
    .addOption(workspaceOption())
    .action((id: string, options: { workspace: string }) =>
      withDatabase(async (db) => {
        const { actor } = await operatorOf(db, options.workspace);
        const revoked = await revokeApiKey({ db, now: () => new Date() }, actor, parseId(id, "key"));
        print(`Revoked key ${revoked.id} (${revoked.name}).`);
      }),
    );
}
