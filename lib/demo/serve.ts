import { readBodyText } from '../api/body';
import { demoAnchorMs } from './anchor';
import type { DemoClock, DemoRequest, DemoResponse } from './demo-http';

/**
 * Glue for the thin demo route handlers: turns a fetch Request into a DemoRequest and a
 * DemoResponse into a Response. Kept in lib so the handlers stay one-liners.
 */

export async function toDemoRequest(req: Request, pathSegments: string[]): Promise<DemoRequest> {
  const url = new URL(req.url);
  const params = new URLSearchParams(url.searchParams);
  if (req.method === 'POST' && (req.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(await readBodyText(req, 1024 * 1024))) params.append(k, v);
  }
  const headers: Record<string, string> = {};
  req.headers.forEach((v, k) => (headers[k] = v));
  return { path: `/${pathSegments.map(encodeURIComponent).join('/')}`, params, headers };
}

export function toResponse(r: DemoResponse): Response {
  return new Response(r.body, { status: r.status, headers: { 'content-type': r.contentType, 'cache-control': 'no-store' } });
}

export function liveClock(): DemoClock {
  return { anchorMs: demoAnchorMs(), nowMs: Date.now() };
}

export function notFound(): Response {
  return new Response('404 page not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
