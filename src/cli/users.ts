/** `casework users create|set-password`: people who sign in to the console, over the same ops as the API. */
import { type Command, Option } from "commander";
import { createUser } from "../ops/admin/directory.ts";
import { setUserPassword } from "../ops/sessions.ts";
import type { Database } from "../store/db.ts";
import { operatorOf } from "./operator.ts";

interface UserCommandIo {
  env: NodeJS.ProcessEnv;
  print: (line: string) => void;
  withDatabase: <T>(work: (db: Database) => Promise<T>) => Promise<T>;
}

const passwordOption = () =>
  new Option("--password <password>", "the console password (default: $CASEWORK_PASSWORD, kept out of ps)");
const roleOption = () =>
  new Option("--role <role>", "admin (every scope) or agent (works cases)").choices(["admin", "agent"]);
const workspaceOption = () => new Option("-w, --workspace <slug>", "workspace slug").default("default");

function passwordOf(options: { password?: string }, env: NodeJS.ProcessEnv): string {
  const password = options.password ?? env.CASEWORK_PASSWORD;
  if (!password) throw new Error("Give --password <password> or set CASEWORK_PASSWORD.");
  return password;
}

export function addUserCommands(program: Command, { env, print, withDatabase }: UserCommandIo) {
  const users = program.command("users").description("manage the people who sign in to the console");
  users
    .command("create <email>")
    .description("create a user with a console password (in the admin's account unless --account)")
    .option("--name <name>", "the user's name (default: the email)")
    .option("--account <id>", "the account the user works for")
    .addOption(passwordOption())
    .addOption(roleOption().default("agent"))
    .addOption(workspaceOption())
    .action(
      (
        email: string,
        options: {
          name?: string;
          account?: string;
          password?: string;
          role: "admin" | "agent";
          workspace: string;
        },
      ) =>
        withDatabase(async (db) => {
          const password = passwordOf(options, env);
          const ctx = { db, now: () => new Date() };
          const { actor } = await operatorOf(db, options.workspace);
          const user = await db.transaction(async (tx) => {
            const created = await createUser({ ...ctx, db: tx }, actor, {
              accountId: options.account ? Number(options.account) : actor.accountId,
              email,
              name: options.name ?? email,
            });
            await setUserPassword({ ...ctx, db: tx }, actor, created.id, { password, role: options.role });
            return created;
          });
          print(`Created user ${user.id} (${user.email}, ${options.role}).`);
        }),
    );
  users
    .command("set-password <email>")
    .description("set a user's console password (and role); their open sessions end")
    .addOption(passwordOption())
    .addOption(roleOption())
    .addOption(workspaceOption())
    .action((email: string, options: { password?: string; role?: "admin" | "agent"; workspace: string }) =>
      withDatabase(async (db) => {
        const password = passwordOf(options, env);
        const { actor, userId } = await operatorOf(db, options.workspace, email);
        await setUserPassword({ db, now: () => new Date() }, actor, userId, {
          password,
          ...(options.role ? { role: options.role } : {}),
        });
        print(`Password set for ${email}.`);
      }),
    );
}
