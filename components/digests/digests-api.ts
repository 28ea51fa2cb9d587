'use client';

import { fetchApi, sendApi } from '@/components/ui/use-api';
import { deleted } from '@/lib/api/contract/views';
import { digestPreview, runList, runRecord, scheduleList, scheduleRecord, type DigestPreview } from '@/lib/api/contract/digests';
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

export type PreviewResponse = DigestPreview;


const one = (id: string) => `/api/v1/digests/${encodeURIComponent(id)}`;

export const digestsApi = {
  list: () => fetchApi('/api/v1/digests', scheduleList),
  create: (draft: ScheduleDraft) => sendApi('POST', '/api/v1/digests', scheduleRecord, draft),
  update: (id: string, patch: Partial<ScheduleDraft>) => sendApi('PATCH', one(id), scheduleRecord, patch),
  remove: (id: string) => sendApi('DELETE', one(id), deleted),
  runNow: (id: string) => sendApi('POST', `${one(id)}/run`, runRecord),
  runs: (id: string) => fetchApi(`${one(id)}/runs`, runList),
  preview: (id: string) => fetchApi(`${one(id)}/preview`, digestPreview),
};
