'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { z } from 'zod';
import { parseRetryAfter } from './retry-policy';

/**
 * Frozen API responses of a snapshot share, keyed by the exact API URL the view would
 * request (lib/views/api-urls.ts). Inside a SnapshotContext, views read from it and
 * never touch the network, so a snapshot outlives the backends' retention.
 */
export interface SnapshotData {
  takenAt: string;
  path: string;
  responses: Record<string, unknown>;
}
export const SnapshotContext = createContext<SnapshotData | null>(null);
export const useSnapshot = () => useContext(SnapshotContext);

export class ApiFetchError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From the answer's Retry-After (429, 503): how long to wait before asking again (retry-policy.ts). */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/**
 * How the browser reads an answer: a contract schema (lib/api/contract), or a parser that
 * checks a large answer in slices (components/traces/parse-correlated.ts). Never a cast.
 */
export type ApiParser<T> = z.ZodType<T> | ((body: unknown) => Promise<T>);

async function parseBody<T>(parser: ApiParser<T>, body: unknown, status: number): Promise<T> {
  if (typeof parser === 'function') return parser(body);
  const checked = parser.safeParse(body);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  throw new ApiFetchError(status, 'bad_response', `The server answered in an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}).`);
}

/** A Triangulate API answer: its JSON body checked against the contract, or its `{error:{code,message}}` as an ApiFetchError. */
async function readApi<T>(res: Response, parser: ApiParser<T>): Promise<T> {
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiFetchError(res.status, err?.code ?? 'http', err?.message ?? `request failed (${res.status})`, parseRetryAfter(res.headers.get('retry-after'), Date.now()));
  }
  return parseBody(parser, body, res.status);
}

/** A streamed answer as it comes (the trace page's NDJSON: components/traces/read-frames.ts checks each frame). */
export const fetchApiStream = (url: string, signal?: AbortSignal): Promise<Response> => fetch(url, { signal });

export async function fetchApi<T>(url: string, parser: ApiParser<T>, signal?: AbortSignal): Promise<T> {
  return readApi(await fetch(url, { signal }), parser);
}

/**
 * POST/PATCH/DELETE a Triangulate API URL with a JSON body; errors carry the server's message.
 * Always JSON-typed, even without a body: the server refuses other mutations (docs/security.md).
 */
export async function sendApi<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, parser: ApiParser<T>, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return readApi(res, parser);
}

const apiKey = (url: string | null, snapshot: SnapshotData | null) => ['api', url, snapshot?.takenAt ?? 'live'];

/**
 * GET a Triangulate API URL (null = do not fetch), or read it from the snapshot. With
 * `enabled: false` it does not fetch yet but still returns what the cache holds for the URL.
 */
export function useApi<T>(url: string | null, parser: ApiParser<T>, opts: { refetchInterval?: number; enabled?: boolean } = {}) {
  const snapshot = useSnapshot();
  return useQuery<T, ApiFetchError>({
    queryKey: apiKey(url, snapshot),
    enabled: url !== null && opts.enabled !== false,
    refetchInterval: snapshot ? false : opts.refetchInterval,
    queryFn: async ({ signal }) => {
      if (snapshot) {
        if (!(url! in snapshot.responses)) throw new ApiFetchError(404, 'not_in_snapshot', 'This part of the view was not captured in the snapshot.');
        return parseBody(parser, snapshot.responses[url!], 200);
      }
      return fetchApi(url!, parser, signal);
    },
  });
}

/** Whether the answer for `url` is already in the cache (read at render time, not subscribed). */
export function useHasApiData(url: string): boolean {
  const snapshot = useSnapshot();
  return useQueryClient().getQueryData(apiKey(url, snapshot)) !== undefined;
}
