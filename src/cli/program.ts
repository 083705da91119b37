/** The casework command line: serve, migrate, workspaces, API keys, OAuth clients and users, over the same ops as the API. */
import cluster from "node:cluster";
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { loadConfig } from "../config.ts";
import { Failure } from "../domain/errors.ts";
import { IMPORT_BATCH, type ImportCaseInput, importCases } from "../ops/cases/import-cases.ts";
import { createWorkspace, workspaces } from "../ops/workspaces.ts";
import { closeOnSignals, startServer } from "../server.ts";
import type { Database } from "../store/db.ts";
import { migrate } from "../store/migrate.ts";
import { openDatabase } from "../store/open.ts";
import { serveAsWorker, serveWithWorkers } from "../workers.ts";
import { clientCommands } from "./clients.ts";
import { ndjsonCases } from "./import-source.ts";
import { addKeyCommands, parseDuration } from "./keys.ts";
import { operatorOf } from "./operator.ts";
import { syntheticCases } from "./synthetic-cases.ts";
import { addUserCommands } from "./users.ts";
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

const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** Builds the command tree; each run gets a fresh one, so it can run many times in one process. */
function buildProgram(io: CliIo): Command {
  const print = (line: string) => io.out(`${line}\n`);
  /** Opens the database, brings its schema up to date (unless `migrating` is false), runs `work`, closes it. */
  const withDatabase = async <T>(work: (db: Database) => Promise<T>, migrating = true): Promise<T> => {
    const db = await openDatabase(loadConfig(io.env));
    try {
      if (migrating) await migrate(db);
      return await work(db);
    } finally {
      await db.close();
    }
  };

  const program = new Command("casework")
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .description("Casework: a self-hosted case-management server.")
    .version(VERSION, "-V, --version", "print the version")
    .exitOverride();

  program
    .command("serve")
    .description("start the HTTP server (PORT, HOST, DATABASE_URL, CASEWORK_DATA_DIR, CASEWORK_ADMIN_KEY)")
    .option(
      "--workers <n>",
      "server processes on the one port (CASEWORK_WORKERS; default: the cores on PostgreSQL, 1 on PGlite)",
      wholeNumber,
    )
    .action(async (options: { workers?: number }) => {
      const config = loadConfig(
        options.workers === undefined ? io.env : { ...io.env, CASEWORK_WORKERS: String(options.workers) },
      );
      if (config.workers > 1 && cluster.isPrimary) return serveWithWorkers(config.workers, print);
      if (cluster.isWorker) return serveAsWorker(config, print);
      const starting = startServer(config, print);
      closeOnSignals(starting);
      await starting;
    });

  program
    .command("migrate")
    .description("apply database migrations and exit")
    .action(() =>
      withDatabase(async (db) => {
        const applied = await migrate(db);
        print(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
      }, false),
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

  addKeyCommands(program, { print, withDatabase, workspaceOption });
  clientCommands(program, withDatabase, print, workspaceOption);
  addUserCommands(program, { env: io.env, print, withDatabase });
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
