/** When a failed webhook delivery is tried again, and when it is given up. */

export interface RetryPolicy {
  /** Waits before the 2nd, 3rd … attempt; past the list the last wait repeats. */
  delaysMs: readonly number[];
  /** After this long since the event was first tried, a failure is final. */
  giveUpAfterMs: number;
  /** ± this share of each wait is random, so receivers coming back are not hit by every sender at once. */
  jitter: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const DEFAULT_RETRY: RetryPolicy = {
  delaysMs: [
    5 * SECOND,
    30 * SECOND,
    2 * MINUTE,
    10 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    4 * HOUR,
    8 * HOUR,
  ],
  giveUpAfterMs: 24 * HOUR,
  jitter: 0.2,
};

/** The same schedule scaled down (tests and benches that cannot wait seconds). */
export const scaledRetry = (factor: number, policy: RetryPolicy = DEFAULT_RETRY): RetryPolicy => ({
  ...policy,
  delaysMs: policy.delaysMs.map((ms) => Math.max(1, Math.round(ms * factor))),
  giveUpAfterMs: Math.round(policy.giveUpAfterMs * factor),
});

/**
 * After `attempts` failed tries of a delivery first made at `firstAt`: the time of the next try, or null
 * when the failure is final. A receiver's Retry-After is honoured when it asks for longer than the schedule.
 * `random` is a number in [0, 1).
 */
export function nextAttempt(
  policy: RetryPolicy,
  attempts: number,
  firstAt: Date,
  now: Date,
  random: number,
  retryAfterMs: number | null,
): Date | null {
  const base = policy.delaysMs[Math.min(attempts - 1, policy.delaysMs.length - 1)] ?? 0;
  const jittered = base * (1 + policy.jitter * (2 * random - 1));
  const wait = Math.max(jittered, retryAfterMs ?? 0);
  const at = new Date(now.getTime() + Math.round(wait));
  return at.getTime() - firstAt.getTime() > policy.giveUpAfterMs ? null : at;
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  if (/^\d{1,9}$/.test(value.trim())) return Number(value.trim()) * SECOND;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
