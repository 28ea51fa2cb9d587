/** The limiter's queue is full: the caller is told to come back later rather than wait without bound. */
export class QueueFull extends Error {
  constructor(readonly waiting: number) {
    super(`${waiting} calls already waiting`);
    this.name = 'QueueFull';
  }
}

/**
 * A counting semaphore: at most `max` calls to one backend in flight; at most `maxQueue`
 * more wait in FIFO order, further ones are refused with QueueFull. A waiter whose signal
 * aborts leaves the queue (its reason is thrown).
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly queue: { resolve: () => void; reject: (e: unknown) => void; signal?: AbortSignal; onAbort?: () => void }[] = [];

  constructor(
    private readonly max: number,
    private readonly maxQueue = Number.POSITIVE_INFINITY,
  ) {
    if (!(max >= 1)) throw new RangeError('concurrency limit must be ≥ 1');
  }

  get inFlight(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    if (this.active < this.max) {
      this.active += 1;
      return;
    }
    if (this.queue.length >= this.maxQueue) throw new QueueFull(this.queue.length);
    await new Promise<void>((resolve, reject) => {
      const waiter: (typeof this.queue)[number] = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
    });
  }

  release(): void {
    const next = this.queue.shift();
    if (next) {
      // The slot passes straight to the next waiter; `active` is unchanged.
      if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort);
      next.resolve();
      return;
    }
    this.active = Math.max(0, this.active - 1);
  }
}
