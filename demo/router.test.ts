import { describe, expect, it } from 'vitest';
import { json, text, type DemoBackend } from './http';
import { createDemoRouter, type RawRequest } from './router';

const echo: DemoBackend = { name: 'echo', mount: '/echo', handle: (req, c) => json(200, { path: req.path, params: [...req.params], nowMs: c.nowMs, anchorMs: c.anchorMs }) };
const other: DemoBackend = { name: 'other', mount: '/other', handle: () => text(200, 'other') };

const router = () => createDemoRouter({ backends: [echo, other], anchorMs: Date.UTC(2026, 0, 1), now: () => 42 });
const req = (over: Partial<RawRequest>): RawRequest => ({ method: 'GET', pathname: '/', query: new URLSearchParams(), headers: {}, body: '', ...over });
const body = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;

describe('the demo router', () => {
  it('hands each request to the backend mounted at its path, below the mount', () => {
    const r = router().handle(req({ pathname: '/echo/loki/api/v1/labels', query: new URLSearchParams('a=1') }));
    expect(body(r)).toEqual({ path: '/loki/api/v1/labels', params: [['a', '1']], nowMs: 42, anchorMs: Date.UTC(2026, 0, 1) });
    expect(router().handle(req({ pathname: '/other' })).body).toBe('other');
    expect(router().handle(req({ pathname: '/echoes' })).status).toBe(404);
  });

  it('adds a form-encoded POST body to the parameters (Loki series queries)', () => {
    const r = router().handle(req({ method: 'POST', pathname: '/echo/x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'match%5B%5D=%7Ba%3D%22b%22%7D' }));
    expect(body(r).params).toEqual([['match[]', '{a="b"}']]);
  });

  it('takes every backend offline and back through /control, answering like a backend that is down', () => {
    const r = router();
    expect(body(r.handle(req({ pathname: '/control' })))).toEqual({ backends: true, anchor: '2026-01-01T00:00:00.000Z', mounts: ['/echo', '/other'] });
    const off = r.handle(req({ method: 'POST', pathname: '/control', headers: { 'content-type': 'application/json' }, body: '{"backends":false}' }));
    expect(body(off)).toEqual({ backends: false });
    for (const pathname of ['/echo/a', '/other']) {
      const down = r.handle(req({ pathname }));
      expect(down.status).toBe(503);
      expect(body(down)).toEqual({ error: 'demo backends are switched off' });
    }
    expect(r.handle(req({ pathname: '/ready' })).status).toBe(200);
    r.handle(req({ method: 'POST', pathname: '/control', headers: { 'content-type': 'application/json' }, body: '{"backends":true}' }));
    expect(r.handle(req({ pathname: '/other' })).status).toBe(200);
  });

  it('refuses a control body that is not {"backends": boolean}', () => {
    const post = (b: string, type = 'application/json') => router().handle(req({ method: 'POST', pathname: '/control', headers: { 'content-type': type }, body: b }));
    expect(post('{"backends":"no"}').status).toBe(400);
    expect(post('not json').status).toBe(400);
    expect(post('backends=false', 'application/x-www-form-urlencoded').status).toBe(415);
  });

  it('refuses mounts that collide with each other or with its own routes', () => {
    expect(() => createDemoRouter({ backends: [echo, { ...other, mount: '/echo' }], anchorMs: 0 })).toThrow(/taken/);
    expect(() => createDemoRouter({ backends: [{ ...echo, mount: '/control' }], anchorMs: 0 })).toThrow(/taken/);
  });
});
