/** Retrying a test's database set-up while a loaded PostgreSQL is slow to hand out connections. */
import { setTimeout as sleep } from "node:timers/promises";

/** Failures of reaching the server (not of a statement): worth another try. */
export const isConnectionFailure = (error: unknown): boolean =>
  error instanceof Error &&
  /connection (timeout|terminated)|timeout expired|ECONNREFUSED|ECONNRESET|too many clients|starting up|shutting down/i.test(
    `${error.message} ${(error as { code?: string }).code ?? ""}`,
  );

export interface RetryOptions {
  /** Give up this long after the first attempt. */
  deadlineMs?: number;
  pauseMs?: number;
}

/** Runs `work` until it succeeds, retrying connection failures until the deadline; then throws the last one. */
export async function retryConnecting<T>(
  work: () => Promise<T>,
  { deadlineMs = 120_000, pauseMs = 500 }: RetryOptions = {},
): Promise<T> {
  const giveUpAt = Date.now() + deadlineMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isConnectionFailure(error) || Date.now() + pauseMs > giveUpAt) {
        if (error instanceof Error && attempt > 1) error.message += ` (after ${attempt} attempts)`;
        throw error;
      }
      await sleep(pauseMs);
    }
  }
}
