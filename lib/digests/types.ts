/** Schedules, channels and runs of anomaly digests: the API's schemas and records are the contract's (lib/api/contract/digests.ts). */
export {
  channelInput,
  createScheduleInput,
  filtersInput,
  updateScheduleInput,
  type ChannelInput,
  type CreateScheduleInput,
  type DigestFilters,
  type UpdateScheduleInput,
} from '../api/contract/digests';
// Records and the digest itself are the public contract's (lib/api/contract/digests.ts).
export {
  RUN_STATUSES,
  type ChannelDeliveryStatus,
  type ChannelResult,
  type Digest,
  type DigestHealth,
  type DigestIncident,
  type DigestCounts,
  type DigestFinding,
  type DigestGroup,
  type FindingState,
  type PublicChannel,
  type RenderedDigest,
  type ResolvedFinding,
  type RunRecord,
  type RunStatus,
  type ScheduleRecord,
  type StoredChannel,
} from '../api/contract/digests';
export type RunTrigger = 'schedule' | 'manual' | 'catch_up' | 'cli';
