/** `casework clients create|list|revoke`: OAuth clients from the command line, over the same ops as the API. */
import { readFileSync } from "node:fs";
import type { Command, Option } from "commander";
import { CLIENT_SCOPES, type ClientScope, isClientScope } from "../domain/oauth/scopes.ts";
import { clientsOf, createClient, revokeOAuthClient } from "../ops/oauth/clients.ts";
import type { Database } from "../store/db.ts";
import { operatorOf } from "./operator.ts";

type WithDatabase = <T>(work: (db: Database) => Promise<T>) => Promise<T>;

function parseClientScopes(raw: string): ClientScope[] {
  const scopes = raw.split(",").map((scope) => scope.trim());
  const bad = scopes.filter((scope) => !isClientScope(scope));
  if (bad.length)
    throw new Error(`Unknown scope ${bad.join(", ")}; choose from ${CLIENT_SCOPES.join(", ")}.`);
  return scopes as ClientScope[];
}

function readJwk(file: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new Error(`--public-key ${file} must be a file holding one JSON Web Key.`);
}

export function clientCommands(
  program: Command,
  withDatabase: WithDatabase,
  print: (line: string) => void,
  workspaceOption: () => Option,
): void {
  const clients = program.command("clients").description("manage OAuth clients (client-credentials grant)");
  clients
    .command("create")
    .description("register an OAuth client and print its secret once")
    .requiredOption("--name <name>", "what the client is for")
    .option("--scopes <scopes>", `comma-separated: ${CLIENT_SCOPES.join(", ")}`, CLIENT_SCOPES.join(","))
    .option("--user <email>", "the user the client acts as (default: the workspace admin)")
    .option("--public-key <file>", "an EC P-256 public JWK, for ES256 client assertions (private_key_jwt)")
    .addOption(workspaceOption())
    .action(
      (options: { name: string; scopes: string; user?: string; publicKey?: string; workspace: string }) =>
        withDatabase(async (db) => {
          const scopes = parseClientScopes(options.scopes);
          const publicJwk = options.publicKey ? readJwk(options.publicKey) : null;
          const { actor, userId } = await operatorOf(db, options.workspace, options.user);
          const { client, secret } = await createClient({ db, now: () => new Date() }, actor, {
            name: options.name,
            scopes,
            userId,
            publicJwk,
          });
          print(`Created OAuth client ${client.id} (${client.scopes.join(" ")}).`);
          print(`client_id: ${client.clientId}`);
          print(`client_secret (shown this once): ${secret}`);
        }),
    );
  clients
    .command("list")
    .description("list OAuth clients (never their secrets)")
    .addOption(workspaceOption())
    .action((options: { workspace: string }) =>
      withDatabase(async (db) => {
        const { actor } = await operatorOf(db, options.workspace);
        for (const c of await clientsOf({ db, now: () => new Date() }, actor))
          print(
            `${c.id}\t${c.clientId}\t${c.name}\t${c.scopes.join(",")}\t${c.publicJwk ? "jwt" : "basic"}\t${
              c.revokedAt ? "revoked" : "live"
            }`,
          );
      }),
    );
  clients
    .command("revoke <id>")
    .description("revoke an OAuth client; its tokens stop working")
    .addOption(workspaceOption())
    .action((id: string, options: { workspace: string }) =>
      withDatabase(async (db) => {
        const { actor } = await operatorOf(db, options.workspace);
        const revoked = await revokeOAuthClient(
          { db, now: () => new Date() },
          actor,
          /^\d+$/.test(id) ? Number(id) : Number.NaN,
        );
        print(`Revoked OAuth client ${revoked.id} (${revoked.name}).`);
      }),
    );
}
