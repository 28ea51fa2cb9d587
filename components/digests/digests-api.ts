'use client';

import { fetchApi, sendApi } from '@/components/ui/use-api';
import type { ChannelInput, DigestFilters, PublicChannel, RunRecord, ScheduleRecord } from '@/lib/digests/types';

/** Browser calls to the digests API. */

export type { ChannelInput, PublicChannel, RunRecord, ScheduleRecord };

export interface ScheduleDraft {
  name: string;
  cron: string;
  timezone: string;
  window: string;
  filters: DigestFilters;
  channels: ChannelInput[];
  skipEmpty: boolean;
  enabled?: boolean;
}

export interface PreviewResponse {
  window: { from: string; to: string };
  subject: string;
  text: string;
}


const one = (id: string) => `/api/v1/digests/${encodeURIComponent(id)}`;

export const digestsApi = {
  list: () => fetchApi<{ schedules: ScheduleRecord[] }>('/api/v1/digests'),
  create: (draft: ScheduleDraft) => sendApi<ScheduleRecord>('POST', '/api/v1/digests', draft),
  update: (id: string, patch: Partial<ScheduleDraft>) => sendApi<ScheduleRecord>('PATCH', one(id), patch),
  remove: (id: string) => sendApi<{ deleted: true }>('DELETE', one(id)),
  runNow: (id: string) => sendApi<RunRecord>('POST', `${one(id)}/run`),
  runs: (id: string) => fetchApi<{ runs: RunRecord[] }>(`${one(id)}/runs`),
  preview: (id: string) => fetchApi<PreviewResponse>(`${one(id)}/preview`),
};
