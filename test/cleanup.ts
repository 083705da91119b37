/**
 * What test files opened (databases, apps, directories, processes), closed once the tests of their process
 * are done (a few files share one process, see scripts/test.js), newest first. The hook sits on the root:
 * Node 20's runner does not always give a hook registered after an `await` (in a describe body or a before
 * hook) to the suite it was written in, and then closed a database before its tests ran.
 */
import { after } from "node:test";

const tasks: (() => unknown)[] = [];

after(async () => {
  const failures: unknown[] = [];
  for (const task of tasks.splice(0).reverse()) {
    try {
      await task();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length) throw failures[0];
});

/** Runs `task` after the process's last test. */
export function atEnd(task: () => unknown): void {
  tasks.push(task);
}
