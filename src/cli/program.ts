/** The casework command line: serve, migrate, workspaces, API keys and OAuth clients, over the same ops as the API. */
import { Command, CommanderError, Option } from "commander";
import { durationMs, loadConfig } from "../config.ts";
import { SCOPES, type Scope } from "../domain/access.ts";
import type { ApiKey } from "../domain/directory/api-key.ts";
import { Failure } from "../domain/errors.ts";
import { parseId } from "../http/ids.ts";
import { IMPORT_BATCH, type ImportCaseInput, importCases } from "../ops/cases/import-cases.ts";
import { createKey, keysOf, revokeApiKey } from "../ops/credentials.ts";
import { createWorkspace, workspaces } from "../ops/workspaces.ts";
import { closeOnSignals, startServer } from "../server.ts";
import type { Database } from "../store/db.ts";
import { migrate } from "../store/migrate.ts";
import { openDatabase } from "../store/open.ts";
import { clientCommands } from "./clients.ts";
import { ndjsonCases } from "./import-source.ts";
import { operatorOf } from "./operator.ts";
import { syntheticCases } from "./synthetic-cases.ts";
import { addWebhookCommands } from "./webhooks.ts";

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
}

const workspaceOption = () => new Option("-w, --workspace <slug>", "workspace slug").default("default");

function wholeNumber(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new Error(`"${raw}" is not a whole number.`);
  return Number(raw);
}

function parseScopes(raw: string): Scope[] {
  const scopes = raw.split(",").map((scope) => scope.trim());
  const bad = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (bad.length) throw new Error(`Unknown scope ${bad.join(", ")}; choose from ${SCOPES.join(", ")}.`);
  return scopes as Scope[];
}

function parseDuration(raw: string): number {
  const ms = durationMs(raw);
  if (ms === null)
    throw new Error(`--expires-in takes a number and a unit (s, m, h, d), such as 90d, not "${raw}".`);
  return ms;
}

const keyState = (key: ApiKey, now: Date) =>
  key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt <= now ? "expired" : "live";

/** Builds the command tree; each run gets a fresh one, so it can run many times in one process. */
function buildProgram(io: CliIo): Command {
  const print = (line: string) => io.out(`${line}\n`);
  /** Opens the database, runs `work`, closes it again. */
  const withDatabase = async <T>(work: (db: Database) => Promise<T>): Promise<T> => {
    const db = await openDatabase(loadConfig(io.env));
    try {
      await migrate(db);
      return await work(db);
    } finally {
      await db.close();
    }
  };

  const program = new Command("casework")
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .description("Casework: a self-hosted case-management server.")
    .exitOverride();

  program
    .command("serve")
    .description("start the HTTP server (PORT, HOST, DATABASE_URL, CASEWORK_DATA_DIR, CASEWORK_ADMIN_KEY)")
    .action(async () => {
      const server = await startServer(loadConfig(io.env), print);
      closeOnSignals(server);
    });

  program
    .command("migrate")
    .description("apply database migrations and exit")
    .action(() =>
      withDatabase(async (db) => {
        const applied = await migrate(db);
        print(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
      }),
    );

  const workspacesCommand = program.command("workspaces").description("manage workspaces (tenants)");
  workspacesCommand
    .command("create <slug>")
    .description("create a workspace with an admin user, a default queue and an admin key")
    .option("--name <name>", "display name")
    .option("--admin-email <email>", "the admin user's email")
    .action((slug: string, options: { name?: string; adminEmail?: string }) =>
      withDatabase(async (db) => {
        const created = await createWorkspace(db, {
          slug,
          name: options.name,
          adminEmail: options.adminEmail,
        });
        print(`Created workspace "${created.workspace.slug}" (id ${created.workspace.id}).`);
        print(`Admin API key (shown this once): ${created.adminKey.secret}`);
      }),
    );
  workspacesCommand
    .command("list")
    .description("list workspaces")
    .action(() =>
      withDatabase(async (db) => {
        for (const w of await workspaces(db)) print(`${w.id}\t${w.slug}\t${w.name}`);
      }),
    );

  const keysCommand = program.command("keys").description("manage API keys");
  keysCommand
    .command("create")
    .description("create an API key and print it once")
    .requiredOption("--name <name>", "what the key is for")
    .option("--scopes <scopes>", `comma-separated: ${SCOPES.join(", ")}`, "cases:read,cases:write")
    .option("--user <email>", "the user the key acts as (default: the workspace admin)")
    .option("--expires-in <duration>", "the key stops working after this long: 90d, 12h, 30m, 3600s")
    .addOption(workspaceOption())
    .action(
      (options: { name: string; scopes: string; user?: string; expiresIn?: string; workspace: string }) =>
        withDatabase(async (db) => {
          const now = new Date();
          const { actor, userId } = await operatorOf(db, options.workspace, options.user);
          const minted = await createKey({ db, now: () => now }, actor, {
            name: options.name,
            scopes: parseScopes(options.scopes),
            userId,
            expiresAt: options.expiresIn ? new Date(now.getTime() + parseDuration(options.expiresIn)) : null,
          });
          const expiry = minted.key.expiresAt ? `, expires ${minted.key.expiresAt.toISOString()}` : "";
          print(`Created key ${minted.key.id} (${minted.key.scopes.join(", ")}${expiry}): ${minted.secret}`);
        }),
    );
  keysCommand
    .command("list")
    .description("list API keys (never their secrets)")
    .addOption(workspaceOption())
    .action((options: { workspace: string }) =>
      withDatabase(async (db) => {
        const { actor } = await operatorOf(db, options.workspace);
        for (const k of await keysOf({ db, now: () => new Date() }, actor))
          print(`${k.id}\t${k.prefix}…\t${k.name}\t${k.scopes.join(",")}\t${keyState(k, new Date())}`);
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
  clientCommands(program, withDatabase, print, workspaceOption);
  program
    .command("import [file]")
    .description("import cases from an NDJSON file (one case per line), all or nothing, through COPY")
    .option("--synthetic <count>", "import this many generated cases instead of a file", wholeNumber)
    .option("--batch <size>", "cases per COPY batch", wholeNumber, IMPORT_BATCH)
    .addOption(workspaceOption())
    .action((file: string | undefined, options: { synthetic?: number; batch: number; workspace: string }) =>
      withDatabase(async (db) => {
        if ((file === undefined) === (options.synthetic === undefined))
          throw new Error("Give either an NDJSON file or --synthetic <count>.");
        const { actor } = await operatorOf(db, options.workspace);
        const source: AsyncIterable<ImportCaseInput> | Iterable<ImportCaseInput> =
          file === undefined ? syntheticCases(options.synthetic!) : ndjsonCases(file);
        const started = Date.now();
        const result = await importCases({ db, now: () => new Date() }, actor, source, {
          batchSize: options.batch || IMPORT_BATCH,
        });
        const seconds = (Date.now() - started) / 1000;
        print(
          result.first === null
            ? "Nothing to import."
            : `Imported ${result.cases} cases (${result.first}–${result.last}) with ${result.entries} timeline entries in ${seconds.toFixed(1)} s.`,
        );
      }),
    );
  addWebhookCommands(program, {
    print,
    workspaceOption,
    wholeNumber,
    parseDuration,
    withContext: (work) =>
      withDatabase((db) =>
        work({ db, now: () => new Date(), allowPrivateWebhooks: loadConfig(io.env).webhooks.allowPrivate }),
      ),
  });
  return program;
}

/** Runs the command line with `argv` (without node and script) and resolves with its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const message = error instanceof Failure || error instanceof Error ? error.message : String(error);
    io.err(`casework: ${message}\n`);
    return 1;
  }
}
