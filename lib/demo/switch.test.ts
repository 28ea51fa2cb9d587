import { afterEach, describe, expect, it } from 'vitest';
import { demoBackendsEnabled, demoBackendsOffResponse, setDemoBackendsEnabled } from './switch';

describe('demo backends switch', () => {
  afterEach(() => setDemoBackendsEnabled(true));

  it('is on until switched off, and back on again', () => {
    expect(demoBackendsEnabled()).toBe(true);
    setDemoBackendsEnabled(false);
    expect(demoBackendsEnabled()).toBe(false);
    setDemoBackendsEnabled(true);
    expect(demoBackendsEnabled()).toBe(true);
  });

  it('answers like a backend that is down', async () => {
    const res = demoBackendsOffResponse();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: 'demo backends are switched off' });
  });
});
