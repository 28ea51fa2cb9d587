/**
 * Per-source circuit breaker. After `failureThreshold` consecutive failures it opens and
 * refuses calls for `cooldownMs`; then one probe call is let through (half-open). The probe's
 * success closes it, its failure re-opens it for another cooldown.
 */

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  failureThreshold?: number;
  cooldownMs?: number;
  now?: () => number;
}

export interface BreakerSnapshot {
  state: BreakerState;
  consecutiveFailures: number;
  /** When it last opened (unix ms), null when never or closed since. */
  openedAtMs: number | null;
  /** When an open breaker lets the next probe through (unix ms). */
  retryAtMs: number | null;
  lastError: string | null;
}

export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private failures = 0;
  private openedAt: number | null = null;
  private probeInFlight = false;
  private lastError: string | null = null;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  constructor(opts: BreakerOptions = {}) {
    this.threshold = opts.failureThreshold ?? 5;
    this.cooldownMs = opts.cooldownMs ?? 30_000;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Ask to make a call. Returns a ticket (true when this call is the half-open probe), or
   * null when the call must be refused.
   */
  tryAcquire(): { probe: boolean } | null {
    if (this.state === 'closed') return { probe: false };
    if (this.state === 'open') {
      if (this.openedAt !== null && this.now() - this.openedAt < this.cooldownMs) return null;
      this.state = 'half_open';
    }
    if (this.probeInFlight) return null;
    this.probeInFlight = true;
    return { probe: true };
  }

  onSuccess(ticket: { probe: boolean }): void {
    if (ticket.probe) this.probeInFlight = false;
    this.state = 'closed';
    this.failures = 0;
    this.openedAt = null;
  }

  onFailure(ticket: { probe: boolean }, message: string): void {
    this.lastError = message;
    if (ticket.probe) {
      this.probeInFlight = false;
      this.open();
      return;
    }
    this.failures += 1;
    if (this.state === 'closed' && this.failures >= this.threshold) this.open();
  }

  /**
   * A call that says nothing about backend health (the caller cancelled it): a probe ticket
   * is handed back so the next call probes again.
   */
  release(ticket: { probe: boolean }): void {
    if (ticket.probe) {
      this.probeInFlight = false;
      if (this.state === 'half_open') this.state = 'open';
    }
  }

  snapshot(): BreakerSnapshot {
    const state: BreakerState =
      this.state === 'open' && this.openedAt !== null && this.now() - this.openedAt >= this.cooldownMs ? 'half_open' : this.state;
    return {
      state,
      consecutiveFailures: this.failures,
      openedAtMs: this.openedAt,
      retryAtMs: this.state === 'open' && this.openedAt !== null ? this.openedAt + this.cooldownMs : null,
      lastError: this.lastError,
    };
  }

  private open(): void {
    this.state = 'open';
    this.openedAt = this.now();
  }
}
