import { describe, expect, it } from 'vitest';
import { callSource, logsNotLokiMessage, mergeReports, notConfiguredMessage, withDeadline } from './source-call';

let t = 0;
const clock = () => (t += 5);

describe('callSource', () => {
  it('reports not_configured without calling anything', async () => {
    let called = false;
    const out = await callSource(null, async () => (called = true), 'Set LOKI_URL', clock);
    expect(called).toBe(false);
    expect(out).toEqual({ value: null, report: { status: 'not_configured', message: 'Set LOKI_URL', ms: 0 } });
  });
  it('returns the value and timing on success', async () => {
    const out = await callSource({}, async () => 42, '', clock);
    expect(out.value).toBe(42);
    expect(out.report).toEqual({ status: 'ok', ms: 5 });
  });
  it('turns a SourceError-like failure into an error report with its kind and message', async () => {
    const out = await callSource({}, async () => { throw Object.assign(new Error('parse error at line 1'), { kind: 'bad_query' }); }, '', clock);
    expect(out.value).toBeNull();
    expect(out.report).toMatchObject({ status: 'error', kind: 'bad_query', message: 'parse error at line 1' });
  });
  it('maps timeouts and aborts to timeout', async () => {
    const out = await callSource({}, async () => { throw Object.assign(new Error('slow'), { kind: 'timeout' }); }, '', clock);
    expect(out.report.status).toBe('timeout');
    const aborted = await callSource({}, async () => { throw new DOMException('t', 'TimeoutError'); }, '', clock);
    expect(aborted.report.status).toBe('timeout');
  });
});

describe('mergeReports', () => {
  it('keeps the worst status', () => {
    expect(mergeReports([{ status: 'ok', ms: 3 }, { status: 'error', message: 'x', ms: 9 }]).status).toBe('error');
    expect(mergeReports([{ status: 'ok', ms: 3 }, { status: 'ok', ms: 9 }])).toEqual({ status: 'ok', ms: 9 });
  });
});

it('tells the demo user how to get the demo Prometheus and the demo process', () => {
  expect(notConfiguredMessage('prometheus', true)).toMatch(/apt-get install -y prometheus/);
  expect(notConfiguredMessage('jaeger', true)).toBe('The demo Jaeger is not running. `npm run demo` starts it.');
  expect(notConfiguredMessage('loki', false)).toBe('Set LOKI_URL to connect Loki.');
});

it('names the variable and the backend TRACES_BACKEND / LOGS_BACKEND choose', () => {
  const backends = { tracesBackend: 'tempo', logsBackend: 'elasticsearch' } as const;
  expect(notConfiguredMessage('jaeger', false, backends)).toBe('Set TEMPO_URL to connect Tempo.');
  expect(notConfiguredMessage('loki', false, backends)).toBe('Set ELASTICSEARCH_URL to connect Elasticsearch.');
  expect(notConfiguredMessage('jaeger', true, backends)).toBe('The demo Tempo is not running. `npm run demo` starts it.');
  expect(notConfiguredMessage('prometheus', false, backends)).toBe('Set PROMETHEUS_URL to connect Prometheus.');
});

it('says a LogQL-only view has no Loki when the chosen logs sources are Elasticsearch', () => {
  expect(logsNotLokiMessage(['elk'])).toBe('The chosen logs source (elk) is Elasticsearch; this view reads Loki (LogQL) only.');
  expect(logsNotLokiMessage(['a', 'b'])).toBe('The chosen logs sources (a, b) are Elasticsearch; this view reads Loki (LogQL) only.');
});

describe('withDeadline', () => {
  it('leaves no unhandled rejection when the signal was already aborted', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    const ctl = new AbortController();
    ctl.abort(new Error('tab closed'));
    const work = Promise.reject(new Error('request cancelled by the caller'));
    await expect(withDeadline(work, ctl.signal)).rejects.toThrow('tab closed');
    await new Promise((r) => setTimeout(r, 10));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
  it('settles with the abort reason while the work is still running', async () => {
    const ctl = new AbortController();
    const pending = withDeadline(new Promise(() => {}), ctl.signal);
    ctl.abort(new Error('budget spent'));
    await expect(pending).rejects.toThrow('budget spent');
  });
});
