'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';

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
  ) {
    super(message);
  }
}

/** A Triangulate API answer: its JSON body, or its `{error:{code,message}}` as an ApiFetchError. */
async function readApi<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiFetchError(res.status, err?.code ?? 'http', err?.message ?? `request failed (${res.status})`);
  }
  return body as T;
}

export async function fetchApi<T>(url: string, signal?: AbortSignal): Promise<T> {
  return readApi<T>(await fetch(url, { signal }));
}

/**
 * POST/PATCH/DELETE a Triangulate API URL with a JSON body; errors carry the server's message.
 * Always JSON-typed, even without a body: the server refuses other mutations (docs/security.md).
 */
export async function sendApi<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return readApi<T>(res);
}

const apiKey = (url: string | null, snapshot: SnapshotData | null) => ['api', url, snapshot?.takenAt ?? 'live'];

/**
 * GET a Triangulate API URL (null = do not fetch), or read it from the snapshot. With
 * `enabled: false` it does not fetch yet but still returns what the cache holds for the URL.
 */
export function useApi<T>(url: string | null, opts: { refetchInterval?: number; enabled?: boolean } = {}) {
  const snapshot = useSnapshot();
  return useQuery<T, ApiFetchError>({
    queryKey: apiKey(url, snapshot),
    enabled: url !== null && opts.enabled !== false,
    refetchInterval: snapshot ? false : opts.refetchInterval,
    queryFn: async ({ signal }) => {
      if (snapshot) {
        if (!(url! in snapshot.responses)) throw new ApiFetchError(404, 'not_in_snapshot', 'This part of the view was not captured in the snapshot.');
        return snapshot.responses[url!] as T;
      }
      return fetchApi<T>(url!, signal);
    },
  });
}

/** Whether the answer for `url` is already in the cache (read at render time, not subscribed). */
export function useHasApiData(url: string): boolean {
  const snapshot = useSnapshot();
  return useQueryClient().getQueryData(apiKey(url, snapshot)) !== undefined;
}
