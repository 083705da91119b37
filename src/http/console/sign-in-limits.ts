/**
 * Failed console sign-ins, counted per client address and per account (workspace and email) in a sliding
 * window. A blocked caller is refused before its password is checked, so guessing stops even when right.
 * Counters live in this server process, like the other abuse limits.
 */
export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const SIGN_IN_LIMITS: SignInLimits = { perAccount: 10, perAddress: 30, windowMs: 15 * 60_000 };

export class FailedSignIns {
  readonly #failures = new Map<string, number[]>();
  constructor(private readonly limits: SignInLimits = SIGN_IN_LIMITS) {}

  #recent(key: string, now: number): number[] {
    const kept = (this.#failures.get(key) ?? []).filter((at) => at > now - this.limits.windowMs);
    if (kept.length) this.#failures.set(key, kept);
    else this.#failures.delete(key);
    return kept;
  }

  /** Seconds until this address and account may try again; 0 when they may now. */
  blockedFor(address: string, account: string, now: number): number {
    const waits = [
      [`ip:${address}`, this.limits.perAddress],
      [`account:${account}`, this.limits.perAccount],
    ].map(([key, max]) => {
      const recent = this.#recent(key as string, now);
      return recent.length >= (max as number) ? recent[0]! + this.limits.windowMs - now : 0;
    });
    return Math.ceil(Math.max(...waits) / 1000);
  }

  failed(address: string, account: string, now: number) {
    for (const key of [`ip:${address}`, `account:${account}`])
      this.#failures.set(key, [...this.#recent(key, now), now]);
  }

  /** A right password clears the account's count (not the address's: one address may try many accounts). */
  succeeded(account: string) {
    this.#failures.delete(`account:${account}`);
  }
}
