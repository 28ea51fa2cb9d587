import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdForWaterfall, MAX_WAIT_MS, SETTLE_MS, waterfallSent } from './first-paint';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('waiting for the trace-alone answer', () => {
  afterEach(() => vi.useRealTimers());

  it('does not wait when no trace-alone answer of that trace is in progress', async () => {
    vi.useFakeTimers();
    const other = holdForWaterfall('0000000000000001');
    let done = false;
    void waterfallSent(T).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    other();
  });

  it('waits until every trace-alone answer of the trace is sent, plus the settle time', async () => {
    vi.useFakeTimers();
    const a = holdForWaterfall(T);
    const b = holdForWaterfall(T);
    let done = false;
    void waterfallSent(T).then(() => (done = true));
    a();
    a(); // releasing twice changes nothing
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 1);
    expect(done).toBe(false);
    b();
    await vi.advanceTimersByTimeAsync(SETTLE_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    // Released: later calls do not wait.
    let again = false;
    void waterfallSent(T).then(() => (again = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(again).toBe(true);
  });

  it('gives up waiting after the maximum wait, or when its own request goes away', async () => {
    vi.useFakeTimers();
    const release = holdForWaterfall(T);
    let capped = false;
    void waterfallSent(T).then(() => (capped = true));
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS - 1);
    expect(capped).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(capped).toBe(true);

    const ctl = new AbortController();
    let aborted = false;
    void waterfallSent(T, ctl.signal).then(() => (aborted = true));
    ctl.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(aborted).toBe(true);
    release();
  });
});
